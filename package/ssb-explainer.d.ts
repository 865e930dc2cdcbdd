// Types for <ssb-explainer>, the solid-state battery explainer.
// `import "ssb-explainer"` registers the element; it exports nothing else.

/** The views, as the `view` attribute names them. */
export type SsbView = "timeline" | "energy" | "hurdles" | "readiness";

/** The chemistries, as the `chemistries` attribute names them. */
export type SsbChemistry = "liquid" | "semi-solid" | "sulfide" | "oxide" | "polymer" | "all-solid";

/** The reader's state: the `ssb-change` event detail and the element's `state`. */
export interface SsbState {
  view: SsbView;
  /** 2024 … 2030: the state as of the end of that year. */
  year: number;
  chemistries: SsbChemistry[];
  /** The item whose card is open (a milestone or hurdle id), or null. */
  selected: string | null;
}

/** Fired after each change a reader makes, opening and closing cards included (not after attribute changes); bubbles and is composed. */
export type SsbChangeEvent = CustomEvent<SsbState>;

/**
 * The explainer element. All attributes are optional and reactive:
 * - `view`: "timeline" (default) | "energy" | "hurdles" | "readiness"
 * - `year`: "2024" … "2030" (default "2026")
 * - `chemistries`: comma list of SsbChemistry, or "none" (default: all)
 * - `selected`: an item id (`ssb-data list` prints them): opens its card
 * - `theme`: "auto" (default) | "light" | "dark"
 * - `controls`: "none" hides the controls
 * - `data-src`: URL of a dataset JSON instead of the built-in one (2 MiB, 10 s limits)
 * - `share-link`: "page" makes "Copy link" point at this page (`#ssb:` fragment)
 */
export interface SsbExplainerElement extends HTMLElement {
  /** The current state, or null before the widget has mounted. */
  readonly state: SsbState | null;
  /** Origins `data-src` may load from; null (the default) allows any. */
  allowedDataOrigins: string[] | null;
  addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: SsbExplainerElement, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    "ssb-explainer": SsbExplainerElement;
  }
  interface HTMLElementEventMap {
    "ssb-change": SsbChangeEvent;
  }
}
