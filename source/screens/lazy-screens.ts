import {lazyView} from '../components/lazy-view.js';

/**
 * The desk's views that its first frame does not draw, each loaded when first opened (and
 * all of them once the desk is idle): the first frame needs only the customers list.
 */
export const robotsTab = lazyView(() => import('./robots.js').then(module => module.RobotsScreen));
export const reportsTab = lazyView(() => import('./reports.js').then(module => module.ReportsScreen));
export const customerDetailView = lazyView(() => import('./customer-detail.js').then(module => module.CustomerDetail));
export const customerEditorView = lazyView(() => import('./customer-editor.js').then(module => module.CustomerEditor));
export const customerHistoryView = lazyView(() => import('./customer-history.js').then(module => module.CustomerHistory));
export const interactionFormView = lazyView(() => import('./customer-interaction-form.js').then(module => module.CustomerInteractionForm));
export const robotPickerView = lazyView(() => import('./robots-picker.js').then(module => module.RobotPicker));
export const orderView = lazyView(() => import('./customer-records.js').then(module => module.OrderView));
export const interactionView = lazyView(() => import('./customer-records.js').then(module => module.InteractionView));
export const segmentPickerView = lazyView(() => import('./customers-segments.js').then(module => module.SegmentPicker));
export const segmentSaveView = lazyView(() => import('./customers-segments.js').then(module => module.SegmentSaveForm));

export const duplicatesView = lazyView(() => import('./duplicates.js').then(module => module.DuplicatesView));

const all = [robotsTab, reportsTab, customerDetailView, customerEditorView, customerHistoryView, interactionFormView, robotPickerView, orderView, interactionView, segmentPickerView, segmentSaveView, duplicatesView];

/** Loads every view, one after the other, so a later first open is instant. */
export async function preloadScreens(): Promise<void> {
	for (const view of all) await view.preload();
}
