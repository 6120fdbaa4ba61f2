import { copilotReportRoutes } from '../reports/copilot-usage';
import { reportRoutes } from '../reports/route';
import { assignLicenseRoutes } from './assign-license';
import { groupRoutes } from './groups';
import { registrationDetailsRoutes } from './registration-details';
import type { Route } from './request';
import { signInRoutes } from './sign-ins';
import { subscribedSkuRoutes } from './subscribed-skus';
import { teamsAppRoutes } from './teams-apps';
import { usersDeltaRoutes } from './users/delta';
import { userGetRoutes } from './users/get';
import { usersListRoutes } from './users/list';

/** Every Graph path the product calls (v1.0 and beta; docs/graph-endpoints.md). Order matters: `/users/$count` and `/users/delta` before `/users/{id}`. */
export const GRAPH_ROUTES: readonly Route[] = [
  ...usersListRoutes,
  ...usersDeltaRoutes,
  ...assignLicenseRoutes,
  ...teamsAppRoutes,
  ...userGetRoutes,
  ...groupRoutes,
  ...subscribedSkuRoutes,
  ...signInRoutes,
  ...registrationDetailsRoutes,
  ...reportRoutes,
  ...copilotReportRoutes,
];
