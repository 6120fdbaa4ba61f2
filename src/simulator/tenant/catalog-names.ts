/** Word lists for synthetic people and places; indexes into these are stored per user. */
export const FIRST_NAMES: readonly string[] = [
  'Aaron', 'Abigail', 'Ada', 'Adrian', 'Aisha', 'Alan', 'Alice', 'Amara', 'Amir', 'Ana', 'Andrea', 'Anika', 'Arjun',
  'Ben', 'Bianca', 'Bruno', 'Camila', 'Carlos', 'Chen', 'Chloe', 'Daniel', 'Daria', 'David', 'Deepa', 'Diana', 'Elena',
  'Elif', 'Emeka', 'Emma', 'Eric', 'Fatima', 'Felix', 'Fiona', 'Gabriel', 'Grace', 'Hana', 'Hannah', 'Hugo', 'Ines',
  'Isabel', 'Ivan', 'Jack', 'James', 'Jana', 'Javier', 'Jin', 'Joao', 'Julia', 'Kai', 'Karim', 'Kenji', 'Laila', 'Lars',
  'Laura', 'Leo', 'Lina', 'Lucas', 'Maria', 'Mark', 'Maya', 'Mei', 'Mia', 'Nadia', 'Noah', 'Nora', 'Olga', 'Omar',
  'Pablo', 'Priya', 'Rafael', 'Rania', 'Ravi', 'Rosa', 'Sam', 'Sara', 'Sofia', 'Tariq', 'Tom', 'Uma', 'Victor',
  'Wei', 'Yara', 'Yusuf', 'Zoe',
];

export const LAST_NAMES: readonly string[] = [
  'Abbott', 'Adeyemi', 'Alvarez', 'Andersen', 'Bauer', 'Becker', 'Bergstrom', 'Brooks', 'Castillo', 'Chen', 'Costa',
  'Dubois', 'Duarte', 'Eriksen', 'Evans', 'Fischer', 'Fontaine', 'Garcia', 'Gupta', 'Haddad', 'Hansen', 'Hoffmann',
  'Ibrahim', 'Ito', 'Jansen', 'Johansson', 'Kaur', 'Keller', 'Kim', 'Kowalski', 'Kumar', 'Laine', 'Larsen', 'Lee',
  'Lopez', 'Martin', 'Meyer', 'Moreau', 'Murphy', 'Nakamura', 'Nguyen', 'Novak', 'Okafor', 'Olsen', 'Ortiz', 'Park',
  'Patel', 'Perez', 'Petrov', 'Quinn', 'Rahman', 'Reyes', 'Rossi', 'Santos', 'Sato', 'Schmidt', 'Silva', 'Singh',
  'Smith', 'Sousa', 'Suzuki', 'Tanaka', 'Torres', 'Varga', 'Vogel', 'Walker', 'Wang', 'Weber', 'Wilson', 'Wong',
  'Yamamoto', 'Yilmaz', 'Young', 'Zhang',
];

export const JOB_TITLES: readonly string[] = [
  'Account Executive', 'Accountant', 'Business Analyst', 'Customer Success Manager', 'Data Analyst', 'Designer',
  'Developer', 'Engineering Manager', 'Financial Analyst', 'HR Generalist', 'IT Support Specialist', 'Legal Counsel',
  'Marketing Specialist', 'Office Manager', 'Operations Coordinator', 'Product Manager', 'Project Manager',
  'Recruiter', 'Sales Manager', 'Sales Representative', 'Security Analyst', 'Software Engineer', 'Support Engineer',
  'Technical Writer', 'Warehouse Associate',
];

export const DEPARTMENTS: readonly string[] = [
  'Sales', 'Marketing', 'Finance', 'Human Resources', 'Engineering', 'Operations', 'Legal', 'IT', 'Support', 'Retail',
];

/** Country name (Graph `country`) with its ISO code (Graph `usageLocation`) and a city. */
export const COUNTRIES: readonly { readonly name: string; readonly code: string; readonly city: string }[] = [
  { name: 'United States', code: 'US', city: 'Seattle' },
  { name: 'United Kingdom', code: 'GB', city: 'London' },
  { name: 'Germany', code: 'DE', city: 'Munich' },
  { name: 'France', code: 'FR', city: 'Paris' },
  { name: 'Netherlands', code: 'NL', city: 'Amsterdam' },
  { name: 'Spain', code: 'ES', city: 'Madrid' },
  { name: 'Sweden', code: 'SE', city: 'Stockholm' },
  { name: 'Canada', code: 'CA', city: 'Toronto' },
  { name: 'Brazil', code: 'BR', city: 'Sao Paulo' },
  { name: 'India', code: 'IN', city: 'Bengaluru' },
  { name: 'Japan', code: 'JP', city: 'Tokyo' },
  { name: 'Australia', code: 'AU', city: 'Sydney' },
];

export const GUEST_DOMAINS: readonly string[] = ['fabrikam.com', 'northwindtraders.com', 'adatum.com', 'tailspintoys.com'];

export const PLACES: readonly string[] = [
  'Atlas', 'Borealis', 'Cascade', 'Delta', 'Everest', 'Fjord', 'Granite', 'Harbor', 'Iris', 'Juniper', 'Kestrel', 'Lagoon',
];
