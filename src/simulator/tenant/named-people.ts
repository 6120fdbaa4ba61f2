import { Group } from './catalog-groups';
import { Sku } from './catalog-skus';
import type { CopilotAppName } from './copilot';
import { Scenario, type ScenarioId } from './scenarios';

/**
 * A small cast of fixed people for demos, present in every tenant at the first indexes with fixed
 * GUIDs so a playground configuration can reference them: Adele Vance administers licenses, Megan
 * Bowen and Nestor Wilke are line managers (approvers), and their reports include clearly inactive,
 * never-signed-in, blocked and group-licensed people.
 */
export interface NamedPerson {
  readonly key: string;
  readonly id: string;
  readonly upnLocal: string;
  readonly givenName: string;
  readonly surname: string;
  readonly jobTitle: string;
  readonly department: string;
  readonly manager: string | null;
  readonly scenario: ScenarioId;
  /** Days since last activity (or since the recent failures for failedOnly). */
  readonly activeDaysAgo: number;
  readonly createdDaysAgo: number;
  readonly enabled: boolean;
  readonly directSkus: readonly number[];
  readonly groups: readonly number[];
  readonly admin: boolean;
  /** A Copilot seat (with Sku.copilot among directSkus): when assigned, when last used (null: never) and in which apps. */
  readonly copilot?: {
    readonly assignedDaysAgo: number;
    readonly lastUseDaysAgo: number | null;
    readonly apps?: readonly CopilotAppName[];
  };
}

const person = (p: Omit<NamedPerson, 'admin' | 'enabled' | 'groups'> & Partial<NamedPerson>): NamedPerson => ({
  admin: false,
  enabled: true,
  groups: [],
  ...p,
});

export const NAMED_PEOPLE: readonly NamedPerson[] = [
  person({
    key: 'patti',
    id: '0b5c2c1e-6f3a-4d2b-9a61-5e0f4c3b2a10',
    upnLocal: 'PattiF',
    givenName: 'Patti',
    surname: 'Fernandez',
    jobTitle: 'President',
    department: 'Executive Management',
    manager: null,
    scenario: Scenario.activeRecent,
    activeDaysAgo: 0.3,
    createdDaysAgo: 2100,
    directSkus: [Sku.m365E5],
    groups: [Group.executives, Group.excluded],
  }),
  person({
    key: 'adele',
    id: '1f8a7b9c-2d3e-4f50-8a1b-2c3d4e5f6a01',
    upnLocal: 'AdeleV',
    givenName: 'Adele',
    surname: 'Vance',
    jobTitle: 'IT License Administrator',
    department: 'IT',
    manager: 'patti',
    scenario: Scenario.activeRecent,
    activeDaysAgo: 0.1,
    createdDaysAgo: 1900,
    directSkus: [Sku.m365E5],
    admin: true,
  }),
  person({
    key: 'megan',
    id: '2a9b8c7d-3e4f-4a61-9b2c-3d4e5f6a7b02',
    upnLocal: 'MeganB',
    givenName: 'Megan',
    surname: 'Bowen',
    jobTitle: 'Marketing Manager',
    department: 'Marketing',
    manager: 'patti',
    scenario: Scenario.activeRecent,
    activeDaysAgo: 0.5,
    createdDaysAgo: 1800,
    directSkus: [Sku.m365E3, Sku.powerBiPro],
  }),
  person({
    key: 'nestor',
    id: '3b0c9d8e-4f5a-4b72-8c3d-4e5f6a7b8c03',
    upnLocal: 'NestorW',
    givenName: 'Nestor',
    surname: 'Wilke',
    jobTitle: 'Director of Operations',
    department: 'Operations',
    manager: 'patti',
    scenario: Scenario.activeRecent,
    activeDaysAgo: 1.2,
    createdDaysAgo: 1750,
    directSkus: [Sku.m365E3, Sku.project, Sku.copilot],
    copilot: { assignedDaysAgo: 150, lastUseDaysAgo: 47, apps: ['teams', 'chat'] },
  }),
  person({
    key: 'alex',
    id: '4c1d0e9f-5a6b-4c83-9d4e-5f6a7b8c9d04',
    upnLocal: 'AlexW',
    givenName: 'Alex',
    surname: 'Wilber',
    jobTitle: 'Marketing Assistant',
    department: 'Marketing',
    manager: 'megan',
    scenario: Scenario.activeRecent,
    activeDaysAgo: 0.8,
    createdDaysAgo: 900,
    directSkus: [Sku.m365E3, Sku.copilot],
    copilot: { assignedDaysAgo: 64, lastUseDaysAgo: null },
  }),
  person({
    key: 'lynne',
    id: '5d2e1f0a-6b7c-4d94-8e5f-6a7b8c9d0e05',
    upnLocal: 'LynneR',
    givenName: 'Lynne',
    surname: 'Robbins',
    jobTitle: 'Planner',
    department: 'Marketing',
    manager: 'megan',
    scenario: Scenario.inactive90,
    activeDaysAgo: 124,
    createdDaysAgo: 1200,
    directSkus: [Sku.m365E3, Sku.powerBiPro],
  }),
  person({
    key: 'diego',
    id: '6e3f2a1b-7c8d-4ea5-9f6a-7b8c9d0e1f06',
    upnLocal: 'DiegoS',
    givenName: 'Diego',
    surname: 'Siciliani',
    jobTitle: 'HR Manager',
    department: 'Human Resources',
    manager: 'megan',
    scenario: Scenario.neverOld,
    activeDaysAgo: 0,
    createdDaysAgo: 75,
    directSkus: [Sku.m365E3],
  }),
  person({
    key: 'isaiah',
    id: '7f4a3b2c-8d9e-4fb6-8a7b-8c9d0e1f2a07',
    upnLocal: 'IsaiahL',
    givenName: 'Isaiah',
    surname: 'Langer',
    jobTitle: 'Sales Representative',
    department: 'Sales',
    manager: 'megan',
    scenario: Scenario.inactive60,
    activeDaysAgo: 66,
    createdDaysAgo: 1400,
    directSkus: [Sku.m365E3, Sku.dynamics],
    enabled: false,
  }),
  person({
    key: 'johanna',
    id: '8a5b4c3d-9e0f-4ac7-9b8c-9d0e1f2a3b08',
    upnLocal: 'JohannaL',
    givenName: 'Johanna',
    surname: 'Lorenz',
    jobTitle: 'Senior Engineer',
    department: 'Engineering',
    manager: 'nestor',
    scenario: Scenario.activeRecent,
    activeDaysAgo: 0.2,
    createdDaysAgo: 1300,
    directSkus: [Sku.m365E5, Sku.visio, Sku.copilot],
    copilot: { assignedDaysAgo: 120, lastUseDaysAgo: 1, apps: ['teams', 'word', 'chat', 'outlook'] },
  }),
  person({
    key: 'lee',
    id: '9b6c5d4e-0f1a-4bd8-8c9d-0e1f2a3b4c09',
    upnLocal: 'LeeG',
    givenName: 'Lee',
    surname: 'Gu',
    jobTitle: 'Director of Engineering',
    department: 'Engineering',
    manager: 'nestor',
    scenario: Scenario.inactive90,
    activeDaysAgo: 97,
    createdDaysAgo: 1600,
    directSkus: [Sku.visio],
    groups: [Group.e3],
  }),
  person({
    key: 'pradeep',
    id: 'ac7d6e5f-1a2b-4ce9-9d0e-1f2a3b4c5d10',
    upnLocal: 'PradeepG',
    givenName: 'Pradeep',
    surname: 'Gupta',
    jobTitle: 'Accountant',
    department: 'Finance',
    manager: 'nestor',
    scenario: Scenario.failedOnly,
    activeDaysAgo: 103,
    createdDaysAgo: 1100,
    directSkus: [Sku.m365E3],
  }),
  person({
    key: 'grady',
    id: 'bd8e7f6a-2b3c-4dfa-8e1f-2a3b4c5d6e11',
    upnLocal: 'GradyA',
    givenName: 'Grady',
    surname: 'Archie',
    jobTitle: 'Designer',
    department: 'Marketing',
    manager: 'nestor',
    scenario: Scenario.neverNew,
    activeDaysAgo: 0,
    createdDaysAgo: 5,
    directSkus: [Sku.m365E3],
  }),
  person({
    key: 'miriam',
    id: 'ce9f8a7b-3c4d-4e0b-9f2a-3b4c5d6e7f12',
    upnLocal: 'MiriamG',
    givenName: 'Miriam',
    surname: 'Graham',
    jobTitle: 'Sales Director',
    department: 'Sales',
    manager: 'nestor',
    scenario: Scenario.reportOnly,
    activeDaysAgo: 2,
    createdDaysAgo: 1500,
    directSkus: [Sku.m365E3, Sku.dynamics],
  }),
];

/** Fixed ids by key, for configurations and tests: `NAMED_PEOPLE_IDS.adele`. */
export const NAMED_PEOPLE_IDS: Readonly<Record<string, string>> = Object.fromEntries(
  NAMED_PEOPLE.map((p) => [p.key, p.id]),
);
