/** The demo page: the three forms, validated as you type, Japanese with an English toggle. */
import './style.css';
import { FORM_DEFINITIONS } from './forms.js';
import { renderForm, type FormView, type Language } from './form-view.js';

const app = document.querySelector<HTMLElement>('#app')!;
let language: Language = 'ja';

const header = document.createElement('header');
const title = document.createElement('h1');
const toggle = document.createElement('button');
toggle.type = 'button';
toggle.id = 'language-toggle';
header.append(title, toggle);
app.append(header);

const views: FormView[] = FORM_DEFINITIONS.map((definition) => renderForm(definition, app, { language }));

function applyLanguage(): void {
  document.documentElement.lang = language;
  title.textContent =
    language === 'ja'
      ? 'オンライン資格確認 設定フォームの入力チェック'
      : 'Online eligibility set-up forms, checked as you type';
  toggle.textContent = language === 'ja' ? 'English' : '日本語';
  for (const view of views) view.setLanguage(language);
}

toggle.addEventListener('click', () => {
  language = language === 'ja' ? 'en' : 'ja';
  applyLanguage();
});
applyLanguage();
