// The screens' stylesheets, loaded with the first chunk although the screens' code loads after
// login (lazy-screens.ts): their classes also style other roles' screens and shared components,
// and the cascade depends on this order (fixed before the code was split; styles.css comes last).
import '../components/sync-panel.css';
import '../screens/operator/fingerprints/fingerprints.css';
import '../screens/operator/photo/photo.css';
import '../screens/operator/review/review.css';
import '../screens/operator/signature/signature.css';
import '../screens/operator/recording/recording.css';
import '../components/queue.css';
import '../screens/supervisor/approval/supervisor.css';
import '../screens/supervisor/exports/exports.css';
import '../screens/technician/diagnostics/diagnostics.css';
import '../screens/technician/central/central.css';
import '../screens/technician/office/office.css';
import '../screens/shared/rounds/rounds.css';
