export { ComparisonContext, useComparison, useComparisonState } from './context';
export { CompareControls } from './CompareControls';
export { CompareTable } from './CompareTable';
export { formatFigure } from './formatFigure';
export { CompareCharts, pairCharts } from './CompareCharts';
export { ComparisonOffers } from './ComparisonOffers';
export { SideSettings } from './SideSettings';
