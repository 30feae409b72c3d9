package asynccourse.stepper;

import asynccourse.loop.LoopSnapshot;
import asynccourse.trace.Seconds;
import java.util.List;

/**
 * Draws {@link LoopStep}s as HTML cards: the clock, what ran, the ready queue in order and the
 * timers by deadline; a film strip is the cards side by side, wrapping. Inline styles only
 * (JupyterLab keeps them), every text escaped.
 *
 * <p>Threading: stateless. Nulls: not accepted.
 */
final class StepHtml {
    private StepHtml() {}

    private static final String CARD = "font-family:monospace;font-size:12px;line-height:1.35;border:1px solid #999;"
            + "border-radius:4px;padding:6px 8px;margin:2px;width:330px;box-sizing:border-box;background:#fcfcfc";
    private static final String HEAD = "font-weight:bold;border-bottom:1px solid #ccc;margin-bottom:3px";
    private static final String LIST = "margin:0 0 4px 0;padding-left:22px";

    static String card(LoopStep s) {
        StringBuilder sb = new StringBuilder();
        sb.append("<div class=\"loop-step\" style=\"").append(CARD).append("\">");
        sb.append("<div style=\"").append(HEAD).append("\">")
                .append(s.number() == 0 ? "before the first step" : "step " + s.number())
                .append(" · clock ").append(Seconds.format(s.state().nanos())).append(" s")
                .append(s.last() ? " · program ended" : "").append("</div>");
        section(sb, "ran in this step", s.ran(), false, s.number() == 0 ? "nothing yet" : "nothing");
        LoopSnapshot st = s.state();
        section(sb, "ready queue (the next step runs these, in order)",
                st.ready().stream().map(LoopSnapshot.Item::what).toList(), true, "empty");
        section(sb, "timers (by deadline)",
                st.timers().stream().map(t -> Seconds.format(t.nanos()) + " s: " + t.what()).toList(), false, "none");
        return sb.append("</div>").toString();
    }

    static String strip(List<LoopStep> steps) {
        StringBuilder sb = new StringBuilder("<div class=\"loop-film-strip\" style=\"display:flex;flex-wrap:wrap;align-items:flex-start\">");
        for (LoopStep s : steps) {
            sb.append(card(s));
        }
        return sb.append("</div>").toString();
    }

    private static void section(StringBuilder sb, String title, List<String> lines, boolean ordered, String none) {
        sb.append("<div style=\"color:#555\">").append(escape(title)).append(":");
        if (lines.isEmpty()) {
            sb.append(" <i>").append(none).append("</i></div>");
            return;
        }
        sb.append("</div>");
        String tag = ordered ? "ol" : "ul";
        sb.append('<').append(tag).append(" style=\"").append(LIST).append("\">");
        for (String l : lines) {
            sb.append("<li>").append(escape(l)).append("</li>");
        }
        sb.append("</").append(tag).append('>');
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
