// The time ranges the traffic pages offer, as analytics query parameters.

export const RANGES = [
  ['24h', 'Last 24 hours'],
  ['7d', 'Last 7 days'],
  ['30d', 'Last 30 days'],
];

/** from, to and interval of a range: whole hours up to the end of the current hour, or whole days for 30 days. */
export function rangeQuery(range, now = new Date()) {
  const end = new Date(now);
  end.setUTCMinutes(0, 0, 0);
  end.setUTCHours(end.getUTCHours() + 1);
  const hours = range === '7d' ? 7 * 24 : range === '30d' ? 30 * 24 : 24;
  const from = new Date(end.getTime() - hours * 3600 * 1000);
  return {from: from.toISOString(), to: end.toISOString(), interval: range === '30d' ? 'day' : 'hour'};
}
