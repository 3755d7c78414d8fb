/** What the shell gives every tab's screen: the space it may draw in and whether it is on screen. */
export type ScreenProps = {
	/** Columns available. */
	width: number;
	/** Rows available: draw at most this many, or Ink redraws the whole terminal. */
	height: number;
	/** False while another tab (or the help overlay) is shown; keys are routed elsewhere then. */
	active: boolean;
};
