/** `npx tsx test/dataverse-emulator/cli.ts --port 5580 --rows 1000 [--data file.json] [--seed n] [--offline-profile assigned|unassigned] [--slice-share 0.01] [--language 1033|1031|1036]` */
import { startEmulator, type EmulatorOptions } from './index';

function parseArguments(argv: readonly string[]): EmulatorOptions {
  const options: EmulatorOptions = { port: 5580 };
  for (let index = 0; index < argv.length; index += 1) {
    const name = argv[index];
    const value = argv[index + 1] as string | undefined;
    if (value === undefined) throw new Error(`${name} needs a value.`);
    index += 1;
    const number = Number(value);
    switch (name) {
      case '--port':
      case '--rows':
      case '--seed':
        if (!Number.isInteger(number) || number < 0) throw new Error(`${name} must be a non-negative integer.`);
        options[name.slice(2) as 'port' | 'rows' | 'seed'] = number;
        break;
      case '--slice-share':
        if (!Number.isFinite(number) || number < 0 || number > 1) throw new Error('--slice-share must be a number from 0 to 1.');
        options.sliceShare = number;
        break;
      case '--language':
        if (![1033, 1031, 1036].includes(number)) throw new Error('--language must be 1033, 1031 or 1036.');
        options.language = number;
        break;
      case '--data':
        options.dataFile = value;
        break;
      case '--offline-profile':
        if (value !== 'assigned' && value !== 'unassigned') throw new Error('--offline-profile must be assigned or unassigned.');
        options.assignOfflineProfile = value === 'assigned';
        break;
      default:
        throw new Error(`Unknown option ${name}. Usage: cli.ts [--port n] [--rows n] [--data file] [--seed n] [--offline-profile assigned|unassigned] [--slice-share 0.01] [--language 1033|1031|1036]`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const emulator = await startEmulator(parseArguments(process.argv.slice(2)));
  console.log(`Dataverse emulator listening on ${emulator.baseUrl}`);
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
