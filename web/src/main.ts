import './style.css';
import { loadConfig } from './config';
import { h } from './dom';
import { getLang, setLang, t } from './i18n';
import { StatusCard } from './status';

async function start(root: HTMLElement): Promise<void> {
  const config = await loadConfig();
  const status = new StatusCard(config.apiBase);

  const render = (): void => {
    document.documentElement.lang = getLang();
    document.title = t('app.name');
    const langButton = h(
      'button',
      {
        type: 'button',
        class: 'btn btn-lang',
        'aria-label': t('lang.switchLabel'),
        onclick: () => {
          setLang(getLang() === 'id' ? 'en' : 'id');
          render();
          document.querySelector<HTMLButtonElement>('.btn-lang')?.focus();
        },
      },
      t('lang.switch'),
    );
    status.render();
    root.replaceChildren(
      h('header', { class: 'site-header' }, h('div', { class: 'wrap' }, h('span', { class: 'brand' }, t('app.name')), langButton)),
      h(
        'main',
        { class: 'wrap' },
        h('h1', {}, t('app.name')),
        h('p', { class: 'intro' }, t('app.intro')),
        status.el,
      ),
    );
  };

  render();
  await status.load();
}

const root = document.getElementById('app');
if (root) void start(root);
