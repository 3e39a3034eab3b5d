/**
 * The database name of one user's offline data in one organisation. Lower-cased because Dataverse ids are
 * case-insensitive GUIDs and the same user must never end up with two databases.
 */
export function storeNameFor(orgId: string, userId: string): string {
  return `oss:${orgId}:${userId}`.toLowerCase();
}
