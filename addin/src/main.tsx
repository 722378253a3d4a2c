import { createRoot } from 'react-dom/client';
import { detectHost } from './hosts/detect.js';
import { App } from './shell/App.js';

void detectHost().then((host) => {
  document.documentElement.dataset.host = host.kind;
  createRoot(document.getElementById('root')!).render(<App host={host} />);
});
