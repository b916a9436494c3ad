/** Line colours for the capture-health chart, one per series drawn (the page draws no more series than colours). */
export const SERIES_COLOURS = ['var(--insights-status-applied)', 'var(--insights-answered)', 'var(--insights-status-assessment)', 'var(--insights-status-withdrawn)', 'var(--insights-status-rejected)', 'var(--insights-status-saved)'];
export const SERIES_COLOURS_COUNT = SERIES_COLOURS.length;
