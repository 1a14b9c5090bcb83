// Insights: what the user's own local data says, for the Insights view only.
export * from './types';
export { addDays, availablePeriods, choosePeriod, daysBetween, periodWindow, PERIOD_CHOICES } from './periods';
export { dailySeries, totalsIn, runsOf, errorsOf, ZERO_COUNTS } from './dailySeries';
export { topCodes, TOP_CODES } from './topCodes';
export { rateTrends } from './rates';
export { extensionEvents, eventPrefix } from './extensionEvents';
export { describeChange, periodPhrase, summaryLine, MIN_COUNT_FOR_CHANGE } from './summaryLine';
export { buildInsights, isComparable, type InsightsRequest } from './buildInsights';
export { readInsightsRows } from './insightsQuery';
export { loadInsights, type InsightsStore } from './loadInsights';
