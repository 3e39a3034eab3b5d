/** Kept for the fault-schedule helpers' imports: the seeding lives with the other engine fixtures. */
export { seededRemoteInto } from './engineFixture';
