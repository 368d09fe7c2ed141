/**
 * The charts' colours, from the app's palette: every series at least 3:1 against white (WCAG 2.2 non-text
 * contrast), told apart by line style and legend words too, never by colour alone.
 */
export const CHART = {
  /** --primary, 8.6:1 */
  primary: '#0b4f8a',
  /** --ok-ink, 7.6:1 */
  green: '#0d5c2b',
  /** --error-ink, 7.1:1 */
  red: '#a1181b',
  /** --warn-ink, 7.0:1 */
  brown: '#8a3b00',
  /** --ink and --ink-soft for text and axes */
  ink: '#1a1a1a',
  axis: '#44484d',
  grid: '#d5d9dd',
  hover: '#e3effa',
} as const;

export const tooltipStyle = { border: `2px solid ${CHART.axis}`, borderRadius: 8, color: CHART.ink } as const;
