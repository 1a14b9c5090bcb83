// The only way the webview scripts create content: elements with text
// children and attributes, never HTML strings.

export type Child = Node | string;

export interface ElementOptions {
  readonly className?: string;
  readonly testId?: string;
  /** Identifies an element across re-renders so focus can return to it. */
  readonly focusKey?: string;
  /** Where focus goes if this element is gone after a re-render (e.g. its counter was deleted). */
  readonly focusFallback?: string;
  readonly attrs?: Readonly<Record<string, string>>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className !== undefined) {
    node.className = options.className;
  }
  if (options.testId !== undefined) {
    node.dataset['testid'] = options.testId;
  }
  if (options.focusKey !== undefined) {
    node.dataset['focusKey'] = options.focusKey;
  }
  if (options.focusFallback !== undefined) {
    node.dataset['focusFallback'] = options.focusFallback;
  }
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    node.setAttribute(name, value);
  }
  for (const child of children) {
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

export function button(label: string, onClick: () => void, options: ElementOptions = {}): HTMLButtonElement {
  const node = el('button', options, label);
  node.type = 'button';
  node.addEventListener('click', onClick);
  return node;
}
