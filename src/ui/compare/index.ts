export { ComparisonContext, useComparison, useComparisonState } from './context';
export { CompareControls } from './CompareControls';
export { CompareTable, formatFigure } from './CompareTable';
export { CompareCharts, pairCharts } from './CompareCharts';
export { ComparisonOffers } from './ComparisonOffers';
