import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { StationBridge } from '../src-main/api/contract';
import { App } from './app/app';
import { NoSecret } from './app/no-secret';
import { pickTransport } from './app/transport';
import { notifyReconnect, setBridge } from './app/station-client';
import { currentLocale, initI18n } from './i18n';
import { isTvRoute } from './tv/tv-model';
import './app/screen-styles';
import { TvPage } from './tv/tv-page';
import './styles.css';

async function start(): Promise<void> {
  await initI18n();
  const choice = pickTransport(window as Window & { station?: StationBridge }, {
    getLocale: currentLocale,
    onReconnect: notifyReconnect,
  });
  const root = createRoot(document.getElementById('root') as HTMLElement);
  if (choice.kind === 'no-secret') {
    root.render(<NoSecret />);
    return;
  }
  setBridge(choice.bridge);
  // The waiting-room TV (#/tv) is the same renderer without login: numbers and desks only.
  root.render(<StrictMode>{isTvRoute(window.location.hash) ? <TvPage /> : <App />}</StrictMode>);
}

void start();
