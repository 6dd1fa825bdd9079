/**
 * The small part of the Ext JS 5.1 classic API the panels use, typed by hand.
 * Everything here exists in Ext JS 5.1.1 (Flamingo 2) and in 6.2 classic (local tests);
 * test/browser/ext-runtimes.test.ts runs every tab of both panels on both.
 */
declare namespace Ext {
  type Fn = (...args: any[]) => any;

  interface ClassConfig {
    extend?: string;
    alias?: string | string[];
    xtype?: string;
    singleton?: boolean;
    requires?: string[];
    mixins?: string[] | Record<string, string>;
    statics?: object;
    [member: string]: unknown;
  }

  function define(name: string, data: ClassConfig | object, createdFn?: () => void): void;
  function create<T = Component>(name: string, config?: object): T;
  function apply<T>(target: T, config: object): T;
  function widget<T = Component>(xtype: string, config?: object): T;
  function defer(fn: () => void, millis: number, scope?: object): number;
  function onReady(fn: () => void): void;
  function getVersion(): { version: string };
  function isDefined(v: unknown): boolean;
  function id(el?: unknown, prefix?: string): string;
  function encode(v: unknown): string;
  function decode(text: string, safe?: boolean): unknown;
  function syncRequire(names: string | string[]): void;

  namespace String {
    function htmlEncode(text: string): string;
  }
  namespace util.CSS {
    function createStyleSheet(cssText: string, id: string): unknown;
  }
  namespace ComponentQuery {
    function query<T = Component>(selector: string, root?: Container): T[];
  }
  namespace ClassManager {
    function get(name: string): unknown;
  }
  namespace Loader {
    function setConfig(cfg: { enabled?: boolean; paths?: Record<string, string>; disableCaching?: boolean }): void;
    function getPath(className: string): string;
  }
  namespace tip.QuickTipManager {
    function init(): void;
  }

  interface Element {
    dom: HTMLElement;
    on(event: string, fn: (e: EventObject, target: HTMLElement) => void, scope?: object, opts?: object): void;
    getWidth(): number;
    getHeight(): number;
    addCls(cls: string): Element;
    removeCls(cls: string): Element;
    setStyle(prop: string, value: string): Element;
  }

  interface EventObject {
    getTarget(selector?: string, depth?: number): HTMLElement | null;
    stopEvent(): void;
  }

  /** Ext.Component (and the Observable mixin it carries). */
  interface Component {
    id: string;
    html?: string;
    height?: number;
    cls?: string;
    itemId?: string;
    rendered: boolean;
    isDestroyed: boolean;
    el: Element;
    ownerCt?: Container;
    initialConfig: Record<string, unknown>;
    getEl(): Element;
    callParent(args?: IArguments | unknown[]): any;
    on(event: string | Record<string, unknown>, fn?: Fn, scope?: object, opts?: object): void;
    un(event: string, fn: Fn, scope?: object): void;
    fireEvent(event: string, ...args: unknown[]): boolean;
    up<T = Container>(selector: string): T | undefined;
    update(htmlOrData: string | object): void;
    mask(msg?: string): void;
    unmask(): void;
    setLoading(load: boolean | string): void;
    show(): Component;
    hide(): Component;
    setVisible(v: boolean): Component;
    isVisible(deep?: boolean): boolean;
    getWidth(): number;
    getHeight(): number;
    setHeight(h: number): Component;
    updateLayout(): void;
    addCls(cls: string): void;
    removeCls(cls: string): void;
    destroy(): void;
    getController(): app.ViewController | null;
  }

  interface Container extends Component {
    items: util.MixedCollection<Component>;
    add<T = Component>(item: object | Component): T;
    removeAll(autoDestroy?: boolean): void;
    down<T = Component>(selector: string): T | null;
    query<T = Component>(selector: string): T[];
  }

  interface Panel extends Container {
    setTitle(t: string): void;
    getDockedItems(selector?: string): Component[];
  }

  interface TabPanel extends Panel {
    getActiveTab(): Component | null;
    setActiveTab(tab: Component | number | string): void;
  }

  interface Button extends Component {
    setText(t: string): void;
    setPressed(p: boolean): void;
    value?: string;
  }

  interface Label extends Component {
    setText(t: string, encode?: boolean): void;
  }

  interface GridPanel<M = Record<string, unknown>> extends Panel {
    getStore(): data.Store<M>;
    getSelectionModel(): { getSelection(): data.Model<M>[]; select(r: data.Model<M> | number): void };
    getView(): { refresh(): void };
  }

  namespace util {
    interface MixedCollection<T> {
      getCount(): number;
      getAt(i: number): T | undefined;
      each(fn: (item: T) => boolean | void): void;
      items: T[];
    }
  }

  namespace data {
    interface Model<M = Record<string, unknown>> {
      get<K extends keyof M>(field: K): M[K];
      getData(): M;
      set(field: string | Partial<M>, value?: unknown): void;
      commit(): void;
    }
    interface Store<M = Record<string, unknown>> {
      loadData(rows: M[], append?: boolean): void;
      getCount(): number;
      getAt(i: number): Model<M> | undefined;
      findExact(field: string, value: unknown): number;
      each(fn: (r: Model<M>) => boolean | void): void;
      getRange(): Model<M>[];
      add(rows: M[]): Model<M>[];
      remove(records: Model<M>[]): void;
    }
  }

  namespace app {
    interface ViewController {
      getView(): Container;
      callParent(args?: IArguments | unknown[]): any;
      fireEvent(event: string, ...args: unknown[]): boolean;
    }
  }

  namespace form.field {
    interface ComboBox extends Component {
      getValue(): unknown;
      setValue(v: unknown): void;
    }
  }
}
