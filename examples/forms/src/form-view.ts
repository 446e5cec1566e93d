/**
 * Renders a {@link FormDefinition} as a plain DOM form that validates as you type with
 * @onshikit/portal-forms and shows each field's messages in Japanese or English. No framework;
 * the web reception demo imports this module as it is.
 */
import { validateFormAsync, type FormError, type FormMessage } from '@onshikit/portal-forms';
import type { FieldDefinition, FormDefinition } from './forms.js';

/** The languages the page speaks. */
export type Language = 'ja' | 'en';

/** Options of {@link renderForm}. */
export interface RenderFormOptions {
  language?: Language;
  /** Called with the normalised data when the form is submitted and valid. */
  onValid?: (data: unknown) => void;
}

/** A rendered form. */
export interface FormView {
  readonly element: HTMLElement;
  /** Switches labels, hints and messages to `language`. */
  setLanguage(language: Language): void;
  /** Validates now, as a submit does, and shows every error. */
  submit(): Promise<boolean>;
  /** The current raw values, as given to the schema. */
  values(): Record<string, unknown>;
}

const UI = {
  submit: { ja: '確認する', en: 'Check' },
  ok: { ja: '入力内容に問題はありません。', en: 'Everything looks right.' },
  errors: { ja: '件の入力エラーがあります。', en: ' field error(s).' },
  result: { ja: 'ポータルに送る内容(正規化済み)', en: 'What would be sent (normalised)' },
} satisfies Record<string, FormMessage>;

/** Renders `definition` into `container` and wires validation. */
export function renderForm(
  definition: FormDefinition,
  container: HTMLElement,
  options: RenderFormOptions = {},
): FormView {
  const doc = container.ownerDocument;
  let language: Language = options.language ?? 'ja';
  const texts: [HTMLElement, FormMessage][] = [];
  const translate = (el: HTMLElement, message: FormMessage): void => void texts.push([el, message]);
  const text: TextFactory = (tag, message, className) => {
    const el = doc.createElement(tag);
    if (className !== undefined) el.className = className;
    translate(el, message);
    return el;
  };

  const section = doc.createElement('section');
  section.className = 'form-card';
  section.dataset.form = definition.id;
  section.append(text('h2', definition.title));
  const form = doc.createElement('form');
  form.id = definition.id;
  form.noValidate = true;
  section.append(form);

  const wrappers = new Map<string, HTMLElement>();
  const errorSlots = new Map<string, HTMLElement>();
  for (const field of definition.fields) {
    const { wrapper, errorSlot } = renderField(definition.id, field, doc, text, translate);
    wrappers.set(field.name, wrapper);
    errorSlots.set(field.name, errorSlot);
    form.append(wrapper);
  }
  const button = text('button', UI.submit);
  button.type = 'submit';
  const status = doc.createElement('p');
  status.className = 'status';
  status.dataset.status = '';
  status.setAttribute('role', 'status');
  const resultTitle = text('h3', UI.result);
  const result = doc.createElement('pre');
  result.className = 'result';
  result.dataset.result = '';
  const resultBox = doc.createElement('div');
  resultBox.className = 'result-box';
  resultBox.hidden = true;
  resultBox.append(resultTitle, result);
  form.append(button, status, resultBox);
  container.append(section);

  const touched = new Set<string>();
  let submitted = false;
  let errors: readonly FormError[] = [];
  let valid = false;
  let sequence = 0;

  function values(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const field of definition.fields) {
      const inputs = [...form.querySelectorAll<HTMLInputElement | HTMLSelectElement>(`[name="${field.name}"]`)];
      const first = inputs[0];
      if (first === undefined) continue;
      if (field.input === 'checkbox') out[field.name] = (first as HTMLInputElement).checked;
      else if (field.input === 'radio') out[field.name] = inputs.find((i) => (i as HTMLInputElement).checked)?.value;
      else if (field.input === 'file') out[field.name] = (first as HTMLInputElement).files?.[0];
      else out[field.name] = first.value;
    }
    return out;
  }

  function paint(): void {
    for (const [el, message] of texts) el.textContent = message[language];
    const current = values();
    for (const field of definition.fields) {
      const visible = field.visibleWhen?.(current) ?? true;
      wrappers.get(field.name)!.hidden = !visible;
      const shown = visible && (submitted || touched.has(field.name));
      const mine = shown ? errors.filter((e) => e.path === field.name || e.path.startsWith(`${field.name}.`)) : [];
      const slot = errorSlots.get(field.name)!;
      slot.textContent = mine.map((e) => e.message[language]).join('\n');
      wrappers.get(field.name)!.classList.toggle('invalid', mine.length > 0);
      const control = wrappers.get(field.name)!.querySelector('input, select');
      control?.setAttribute('aria-invalid', String(mine.length > 0));
    }
    const formLevel = errors.filter((e) => e.path === '');
    if (valid) status.textContent = UI.ok[language];
    else if (submitted)
      status.textContent =
        formLevel.length > 0
          ? formLevel.map((e) => e.message[language]).join('\n')
          : `${errors.length}${UI.errors[language]}`;
    else status.textContent = '';
    status.classList.toggle('ok', valid);
  }

  async function refresh(): Promise<boolean> {
    const mine = ++sequence;
    const outcome = await validateFormAsync(definition.schema, values());
    if (mine !== sequence) return outcome.success;
    errors = outcome.success ? [] : outcome.errors;
    valid = outcome.success;
    resultBox.hidden = !(outcome.success && submitted);
    if (outcome.success)
      result.textContent = JSON.stringify(outcome.data, (key, value: unknown) => secretSafe(definition, key, value), 2);
    paint();
    if (outcome.success && submitted) options.onValid?.(outcome.data);
    return outcome.success;
  }

  const onEdit = (event: Event): void => {
    const target = event.target as HTMLInputElement | null;
    if (target?.name) touched.add(target.name);
    void refresh();
  };
  form.addEventListener('input', onEdit);
  form.addEventListener('change', onEdit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitted = true;
    void refresh();
  });
  paint();

  return {
    element: section,
    setLanguage(next) {
      language = next;
      paint();
    },
    submit() {
      submitted = true;
      return refresh();
    },
    values,
  };
}

/** Keeps secrets and file contents out of the result shown on screen. */
function secretSafe(definition: FormDefinition, key: string, value: unknown): unknown {
  if (definition.secretFields.includes(key) && typeof value === 'string') return '•'.repeat(Math.min(value.length, 12));
  if (typeof Blob !== 'undefined' && value instanceof Blob) return `[${value.type || 'file'}, ${value.size} bytes]`;
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  return value;
}

type TextFactory = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  message: FormMessage,
  className?: string,
) => HTMLElementTagNameMap[K];

function renderField(
  formId: string,
  field: FieldDefinition,
  doc: Document,
  text: TextFactory,
  translate: (el: HTMLElement, message: FormMessage) => void,
): { wrapper: HTMLElement; errorSlot: HTMLElement } {
  const id = `${formId}-${field.name}`;
  const errorSlot = doc.createElement('p');
  errorSlot.className = 'error';
  errorSlot.id = `${id}-error`;
  errorSlot.dataset.errorFor = field.name;
  errorSlot.setAttribute('aria-live', 'polite');
  const hint = field.hint === undefined ? undefined : text('p', field.hint, 'hint');
  if (hint !== undefined) hint.id = `${id}-hint`;
  const describedBy = [errorSlot.id, hint?.id].filter(Boolean).join(' ');

  let wrapper: HTMLElement;
  if (field.input === 'radio') {
    wrapper = doc.createElement('fieldset');
    wrapper.append(text('legend', field.label));
    for (const option of field.options ?? []) {
      const label = doc.createElement('label');
      const input = doc.createElement('input');
      input.type = 'radio';
      input.name = field.name;
      input.value = option.value;
      input.setAttribute('aria-describedby', describedBy);
      label.append(input, text('span', option));
      wrapper.append(label);
    }
  } else if (field.input === 'checkbox') {
    wrapper = doc.createElement('div');
    const label = doc.createElement('label');
    const input = doc.createElement('input');
    input.type = 'checkbox';
    input.name = field.name;
    input.id = id;
    input.setAttribute('aria-describedby', describedBy);
    label.append(input, text('span', field.label));
    wrapper.append(label);
  } else {
    wrapper = doc.createElement('div');
    const label = text('label', field.label);
    label.htmlFor = id;
    let control: HTMLInputElement | HTMLSelectElement;
    if (field.input === 'select') {
      control = doc.createElement('select');
      const empty = doc.createElement('option');
      empty.value = '';
      translate(empty, { ja: '選択してください', en: 'Choose…' });
      control.append(empty);
      for (const option of field.options ?? []) {
        const el = text('option', option);
        el.value = option.value;
        control.append(el);
      }
    } else {
      control = doc.createElement('input');
      control.type = field.input;
      if (field.placeholder !== undefined) control.placeholder = field.placeholder;
      control.autocomplete = field.input === 'password' ? 'new-password' : 'off';
    }
    control.id = id;
    control.name = field.name;
    control.setAttribute('aria-describedby', describedBy);
    wrapper.append(label, control);
  }
  wrapper.classList.add('field');
  wrapper.dataset.field = field.name;
  if (hint !== undefined) wrapper.append(hint);
  wrapper.append(errorSlot);
  return { wrapper, errorSlot };
}
