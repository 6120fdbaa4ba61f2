/**
 * Application permissions per part of a task: the map of src/graph/permissions.ts, under the name
 * the tasks use (docs/graph-endpoints.md).
 */
export { GRAPH_PERMISSIONS as PERMISSIONS } from '../graph/permissions';
