import './style.css';
import { render } from 'preact';
import { setApiBase } from './api/client';
import { App } from './app';
import { loadConfig } from './config';

async function start(root: HTMLElement): Promise<void> {
  const config = await loadConfig();
  setApiBase(config.apiBase);
  render(<App />, root);
}

const root = document.getElementById('app');
if (root) void start(root);
