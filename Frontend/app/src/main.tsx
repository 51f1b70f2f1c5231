import 'uplot/dist/uPlot.min.css';
import './styles/app.css';
import './styles/runs.css';
import { defaultTabRules } from './config/tabRules';
import { queryToView } from './state/urlState';
import { focusPrefixes } from './stream/focus';
import { createSnapshotLoader } from './stream/snapshotLoader';

// The open tab's snapshot is the long pole of the first paint, so it is asked for first, by this small entry, while
// the app's own code (React, the charts: ten times this) is still being fetched and compiled. Its metrics come from
// the built-in tab rules: the host's rules are still on their way.
const focus = focusPrefixes(queryToView(window.location.search).tab, defaultTabRules);
const openTab = focus ? createSnapshotLoader('/snapshot')(focus) : null;
// Settled here too, so a failure is never unhandled before the app takes the promise over.
openTab?.catch(() => undefined);
void import('./startApp').then(({ startApp }) => startApp(focus, openTab));
