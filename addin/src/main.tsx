import { createRoot } from 'react-dom/client';
import { detectHost } from './hosts/detect.js';
import { App } from './shell/App.js';

void detectHost().then((host) => {
  document.documentElement.dataset.host = host.kind;
  // In Word the pane opens on its print forms rather than the start screen.
  if (host.kind === 'word' && (location.hash === '' || location.hash === '#/')) location.replace('#/word');
  createRoot(document.getElementById('root')!).render(<App host={host} />);
});
