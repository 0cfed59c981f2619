import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './designer.css';
import Designer from './Designer.jsx';
import InstanceView from './InstanceView.jsx';
import { setAntiforgery } from './api.js';

// One bundle, two islands: the editor (/thiet-ke/{id}) and the read-only dossier graph (/ho-so/{id}/so-do).
const root = document.getElementById('designer-root');
if (root) {
  setAntiforgery(root.dataset.antiforgery);
  const app = root.dataset.mode === 'instance'
    ? <InstanceView dossierId={root.dataset.dossierId} />
    : <Designer definitionId={root.dataset.definitionId} />;
  createRoot(root).render(app);
}
