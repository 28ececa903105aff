import { formatUtcDay } from './format';

/** "31 Jan 2027", the UTC day an issue was sent: the server and every browser render the same day (hydration). */
export const issueDate = formatUtcDay;
