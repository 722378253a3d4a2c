import { createRoot } from 'react-dom/client';
import { detectHost } from './hosts/detect.js';
import { App } from './shell/App.js';

void detectHost().then((host) => {
  document.documentElement.dataset.host = host.kind;
  // In Word the pane opens on its print forms rather than the start screen.
  if (host.kind === 'word' && (location.hash === '' || location.hash === '#/')) location.replace('#/word');
  // In Outlook it opens beside a message, on who wrote it.
  if (host.kind === 'outlook' && (location.hash === '' || location.hash === '#/')) location.replace('#/outlook');
  createRoot(document.getElementById('root')!).render(<App host={host} />);
});
