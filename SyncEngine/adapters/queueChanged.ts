import { QueueChangedError } from '../contracts/errors';

/** The refusal of a reset that would discard changes the user did not confirm (`ClearOptions.discarding`). */
export function queueChanged(unconfirmed: number): QueueChangedError {
  return new QueueChangedError(
    `${unconfirmed} change(s) were queued after the reset was confirmed and would be lost: nothing was discarded.`,
  );
}
