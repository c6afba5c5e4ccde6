// Flex messages on the simulator phone, drawn roughly like LINE draws them:
// a bubble's header, hero, body and footer blocks (or a carousel of bubbles)
// with boxes, texts and spans, images, icons, separators and buttons. Buttons
// (and boxes, texts or images that carry an action) are the same tappable
// forms as template buttons: a postback sends a postback event (its
// displayText shown as the customer's message), a message action sends the
// text, a uri action opens the link. Only safe colours reach a style attribute.
import type { Child, FC } from "hono/jsx";
import { actionSchema, type QuickReplyAction } from "../message-schema";
import { ActionButton, type ActionTarget } from "./actions";

type Json = Record<string, unknown>;

const MAX_DEPTH = 12;
const COLOR = /^#[0-9a-fA-F]{6}(?:[0-9a-fA-F]{2})?$/;
const SIZES = new Set(["xxs", "xs", "sm", "md", "lg", "xl", "xxl", "3xl", "4xl", "5xl"]);

const isJson = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isJson) : []);
const str = (o: Json, k: string): string | undefined => (typeof o[k] === "string" ? (o[k] as string) : undefined);

function actionOf(o: Json): QuickReplyAction | null {
  const parsed = actionSchema.safeParse(o.action);
  return parsed.success ? parsed.data : null;
}

/**
 * A box's, text's or image's own action: LINE needs no label there (the component is what
 * the customer taps). Without one, the invisible button over the component is named after
 * what it does, for screen readers.
 */
function componentActionOf(o: Json): QuickReplyAction | null {
  if (!isJson(o.action)) return null;
  if (typeof o.action.label === "string" && o.action.label !== "") return actionOf(o);
  const parsed = actionSchema.safeParse({ ...o.action, label: "-" });
  if (!parsed.success) return null;
  const a = parsed.data;
  const name = a.type === "message" ? a.text : a.type === "uri" ? a.uri : a.type === "postback" ? a.displayText ?? a.text ?? a.data : "";
  return { ...a, label: name };
}

function style(o: Json, keys: Array<[string, string]>): string | undefined {
  const parts = keys.map(([k, css]) => (str(o, k) && COLOR.test(str(o, k) ?? "") ? `${css}:${str(o, k)}` : null)).filter(Boolean);
  return parts.length ? parts.join(";") : undefined;
}

const sizeClass = (o: Json, prefix: string) => (SIZES.has(str(o, "size") ?? "") ? ` ${prefix}--${str(o, "size")}` : "");

/** An action on a non-button component: the whole component becomes tappable. */
const Tappable: FC<{ action: QuickReplyAction | null; target: ActionTarget; children: Child }> = ({ action, target, children }) =>
  action && (action.type === "uri" || action.type === "message" || action.type === "postback") ? (
    <div class="flex-tap">
      {children}
      <ActionButton action={action} target={target} variant="block" />
    </div>
  ) : (
    <>{children}</>
  );

const Component: FC<{ node: Json; target: ActionTarget; depth: number; parentLayout: string }> = ({ node, target, depth, parentLayout }) => {
  if (depth > MAX_DEPTH) return null;
  const grow = typeof node.flex === "number" ? `flex:${Math.max(0, Math.min(10, Math.round(node.flex)))} 1 0` : parentLayout === "vertical" ? undefined : "flex:1 1 0";
  switch (node.type) {
    case "box": {
      const layout = ["horizontal", "baseline"].includes(str(node, "layout") ?? "") ? (str(node, "layout") as string) : "vertical";
      const box = (
        <div class={`flex-box flex-box--${layout}${str(node, "spacing") ? ` flex-gap--${str(node, "spacing")}` : ""}`} style={[grow, style(node, [["backgroundColor", "background-color"]])].filter(Boolean).join(";") || undefined}>
          {list(node.contents).map((child) => (
            <Component node={child} target={target} depth={depth + 1} parentLayout={layout} />
          ))}
        </div>
      );
      return <Tappable action={componentActionOf(node)} target={target}>{box}</Tappable>;
    }
    case "text": {
      const spans = list(node.contents).filter((s) => s.type === "span");
      const text = (
        <p class={`flex-text${sizeClass(node, "flex-text")}${node.weight === "bold" ? " is-bold" : ""}${node.wrap === true ? " is-wrap" : ""}${str(node, "align") === "center" ? " is-center" : str(node, "align") === "end" ? " is-end" : ""}`} style={[grow, style(node, [["color", "color"]])].filter(Boolean).join(";") || undefined}>
          {spans.length ? spans.map((s) => <span class={s.weight === "bold" ? "is-bold" : undefined} style={style(s, [["color", "color"]])}>{str(s, "text") ?? ""}</span>) : (str(node, "text") ?? "")}
        </p>
      );
      return <Tappable action={componentActionOf(node)} target={target}>{text}</Tappable>;
    }
    case "image": {
      const url = str(node, "url");
      if (!url || !/^https?:\/\//.test(url)) return null;
      return (
        <Tappable action={componentActionOf(node)} target={target}>
          <img class="flex-image" src={url} alt="" loading="lazy" />
        </Tappable>
      );
    }
    case "icon": {
      const url = str(node, "url");
      return url && /^https?:\/\//.test(url) ? <img class="flex-icon" src={url} alt="" /> : null;
    }
    case "button": {
      const action = actionOf(node);
      if (!action) return null;
      const kind = ["primary", "secondary"].includes(str(node, "style") ?? "") ? str(node, "style") : "link";
      return (
        <div class={`flex-button flex-button--${kind}${node.height === "sm" ? " flex-button--sm" : ""}`} style={[grow, style(node, [["color", kind === "link" ? "color" : "background-color"]])].filter(Boolean).join(";") || undefined}>
          <ActionButton action={action} target={target} variant="block" />
        </div>
      );
    }
    case "separator":
      return <hr class="flex-separator" />;
    case "filler":
    case "spacer":
      return <span class="flex-filler" aria-hidden="true" />;
    default:
      return null;
  }
};

const Block: FC<{ node: unknown; part: string; target: ActionTarget }> = ({ node, part, target }) =>
  isJson(node) ? (
    <div class={`flex-block flex-block--${part}`}>
      <Component node={node} target={target} depth={0} parentLayout="vertical" />
    </div>
  ) : null;

const Bubble: FC<{ bubble: Json; target: ActionTarget }> = ({ bubble, target }) => (
  <div class="flex-bubble">
    <Block node={bubble.header} part="header" target={target} />
    <Block node={bubble.hero} part="hero" target={target} />
    <Block node={bubble.body} part="body" target={target} />
    <Block node={bubble.footer} part="footer" target={target} />
  </div>
);

/** A flex message's contents (a bubble or a carousel of bubbles), with its alt text for screen readers. */
export const FlexView: FC<{ contents: Json; altText: string; target: ActionTarget }> = ({ contents, altText, target }) => {
  const bubbles = contents.type === "carousel" ? list(contents.contents).filter((b) => b.type === "bubble") : [contents];
  return (
    <div class={`flex-message${bubbles.length > 1 ? " flex-carousel" : ""}`} role="group" aria-label={altText}>
      {bubbles.map((b) => (
        <Bubble bubble={b} target={target} />
      ))}
    </div>
  );
};
