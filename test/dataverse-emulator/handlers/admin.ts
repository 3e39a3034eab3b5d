import type { HandlerContext } from '../context';
import type { Faults } from '../faults';
import { type ApiResponse, HttpError, emptyResponse, jsonResponse, notFound, parseJsonObject } from '../http';
import { isoSeconds } from '../random';
import type { TableState } from '../store';
import { bodyToData, wireRow } from '../wire';
import { insert } from './rows';
import { checkLanguage, type EmulatorUserSettings } from '../userSettings';

export interface EmulatorStats {
  requests: number;
  byMethod: Record<string, number>;
  maxConcurrentSeen: number;
  throttled: number;
}

/** What the admin API reaches into: the live data, the faults, the counters, and reseeding. */
export interface AdminTarget {
  context: () => HandlerContext;
  faults: Faults;
  stats: () => EmulatorStats;
  expireDeltaTokens: () => void;
  reset: () => void;
  /** The signed-in user's settings, which `POST /_emulator/usersettings` changes. */
  user: EmulatorUserSettings;
}

function tableOf(context: HandlerContext, entitySet: unknown): TableState {
  const state = typeof entitySet === 'string' ? context.store.state(entitySet) : undefined;
  if (!state) throw new HttpError(404, '', `Unknown entity set ${JSON.stringify(entitySet)}.`);
  return state;
}

function idOf(value: unknown): string {
  if (typeof value !== 'string') throw new HttpError(400, '', 'id must be a string.');
  return value.toLowerCase();
}

function faultState(target: AdminTarget): ApiResponse {
  return jsonResponse(200, { faults: target.faults.settings, limits: target.faults.limits, slowPaths: target.faults.slowPaths });
}

/** `POST /_emulator/edit`: a change made by someone else on the server, for conflict tests. */
function edit(target: AdminTarget, body: Record<string, unknown>): ApiResponse {
  const context = target.context();
  const state = tableOf(context, body.entitySet);
  const id = idOf(body.id);
  const row = state.rows.get(id);
  if (!row) throw notFound();
  const changes = typeof body.changes === 'object' && body.changes !== null ? (body.changes as Record<string, unknown>) : {};
  const updated = context.store.put(state, id, { ...row.data, ...bodyToData(state, changes), modifiedon: isoSeconds(Date.now()) });
  return jsonResponse(200, wireRow(state, updated));
}

/** `POST /_emulator/create {entitySet, data}`: a row someone else creates on the server; answers it as the Web API would. */
function create(target: AdminTarget, body: Record<string, unknown>): ApiResponse {
  const context = target.context();
  const state = tableOf(context, body.entitySet);
  const data = typeof body.data === 'object' && body.data !== null ? bodyToData(state, body.data as Record<string, unknown>) : {};
  const supplied = data[state.table.primaryId];
  const id = typeof supplied === 'string' ? supplied.toLowerCase() : crypto.randomUUID();
  if (state.rows.has(id)) throw new HttpError(409, '', `A ${state.table.logicalName} row with id ${id} exists.`);
  return jsonResponse(200, wireRow(state, insert(context, state, id, data)));
}

function remove(target: AdminTarget, body: Record<string, unknown>): ApiResponse {
  const context = target.context();
  const state = tableOf(context, body.entitySet);
  const id = idOf(body.id);
  if (!state.rows.has(id)) throw notFound();
  context.store.delete(state, id);
  return emptyResponse(204);
}

/**
 * `POST /_emulator/privileges {entitySet, write?, read?}`: take away (or give back) the user's right to write, or to
 * read at all, a table.
 */
function privileges(target: AdminTarget, body: Record<string, unknown>): ApiResponse {
  const context = target.context();
  const state = tableOf(context, body.entitySet);
  const set = state.table.entitySet;
  if (body.read !== undefined) {
    if (typeof body.read !== 'boolean') throw new HttpError(400, '', 'read must be a boolean.');
    if (body.read) context.store.deniedReads.delete(set);
    else context.store.deniedReads.add(set);
  }
  if (body.write !== undefined || body.read === undefined) {
    if (typeof body.write !== 'boolean') throw new HttpError(400, '', 'write must be a boolean.');
    if (body.write) context.store.deniedWrites.delete(set);
    else context.store.deniedWrites.add(set);
  }
  return jsonResponse(200, { deniedWrites: [...context.store.deniedWrites], deniedReads: [...context.store.deniedReads] });
}

/**
 * `POST /_emulator/changetracking {entitySet, enabled}`: turn a table's "Track changes" off (its change-tracking
 * requests fail as in Dataverse, `0x80072491`) or on again (delta tokens from before are expired).
 */
function changeTracking(target: AdminTarget, body: Record<string, unknown>): ApiResponse {
  const { store } = target.context();
  const set = tableOf(target.context(), body.entitySet).table.entitySet;
  if (typeof body.enabled !== 'boolean') throw new HttpError(400, '', 'enabled must be a boolean.');
  if (!body.enabled) store.untracked.add(set);
  else if (store.untracked.delete(set)) store.trackedSince.set(set, store.version);
  return jsonResponse(200, { untracked: [...store.untracked] });
}

/** Routes `/_emulator/<path>`; never subject to faults or service protection. */
export function handleAdmin(target: AdminTarget, method: string, path: string, body: Buffer): ApiResponse {
  const json = (): Record<string, unknown> => (body.length === 0 ? {} : parseJsonObject(body));
  const row = /^row\/([^/]+)\/([^/]+)$/.exec(path);
  if (method === 'GET' && row) {
    const state = tableOf(target.context(), decodeURIComponent(row[1]));
    const stored = state.rows.get(idOf(decodeURIComponent(row[2])));
    if (!stored) throw notFound();
    return jsonResponse(200, wireRow(state, stored));
  }
  switch (`${method} ${path}`) {
    case 'GET faults':
      return faultState(target);
    case 'POST faults': {
      if (target.faults.configure(json()).expireDeltaTokens) target.expireDeltaTokens();
      return faultState(target);
    }
    case 'DELETE faults':
      target.faults.clear();
      return faultState(target);
    case 'POST edit':
      return edit(target, json());
    case 'POST create':
      return create(target, json());
    case 'POST delete':
      return remove(target, json());
    case 'POST privileges':
      return privileges(target, json());
    case 'POST changetracking':
      return changeTracking(target, json());
    case 'POST usersettings': {
      const body = json();
      if ('uilanguageid' in body) target.user.uilanguageid = checkLanguage(body.uilanguageid);
      return jsonResponse(200, { ...target.user });
    }
    case 'GET stats':
      return jsonResponse(200, { ...target.stats(), rows: target.context().store.counts() });
    case 'POST reset':
      target.reset();
      return jsonResponse(200, { rows: target.context().store.counts() });
    default:
      throw new HttpError(404, '', `Unknown emulator admin endpoint ${method} /_emulator/${path}.`);
  }
}
