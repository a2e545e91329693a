import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

// No raw HTML (react-markdown escapes it without rehype-raw) and its default URL filter drops
// javascript: links; every link opens outside the widget.
const components: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
  table: ({ children }) => (
    <div className="ab-table-wrap">
      <table>{children}</table>
    </div>
  ),
};

/** Loaded on the first reply, so it stays out of the widget's initial JavaScript. */
export default function MarkdownText({ text }: { text: string }) {
  return (
    <Markdown remarkPlugins={[remarkGfm]} components={components} skipHtml>
      {text}
    </Markdown>
  );
}
