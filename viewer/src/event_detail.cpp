#include "event_detail.hpp"

#include <algorithm>
#include <string_view>

namespace kharita::viewer {

namespace {

QString escape(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())).toHtmlEscaped();
}

} // namespace

QString event_facts_html(const EventRecord& r) {
    QString html = QString("<h3>%1 <small>(%2)</small></h3>")
                       .arg(escape(to_string(r.type)), escape(r.subtype));
    html += QString("<p><b>When</b> %1%2 (%3)<br><b>Where</b> %4 (%5)%6<br><b>Status</b> %7")
                .arg(r.date_start ? escape(r.date_start->iso()) : QString("on or before"),
                     r.date_end && r.date_end != r.date_start ? " – " + escape(r.date_end->iso())
                                                              : QString(),
                     escape(time_precision_name(r.time_precision)) +
                         (r.date_assumed ? ", assumed from the report's day" : ""),
                     escape(r.location), escape(geo_precision_name(r.geo_precision)),
                     r.position ? QString(", %1°, %2°")
                                      .arg(r.position->lat, 0, 'f', 3)
                                      .arg(r.position->lon, 0, 'f', 3)
                                : QString(),
                     escape(to_string(r.status)));
    if (r.fatalities)
        html += QString("<br><b>Dead</b> %1").arg(*r.fatalities);
    if (!r.actors.empty())
        html += "<br><b>Actors</b> " + escape(r.actors);
    html +=
        QString("<br><b>Confidence</b> %1 · <b>Sources</b> %2 · <b>Review</b> %3 (version %4)</p>")
            .arg(r.confidence, 0, 'f', 2)
            .arg(r.source_count)
            .arg(escape(to_string(r.review)))
            .arg(r.version);
    return html;
}

QString article_html(const EventSource& s) {
    QString body;
    std::size_t at = 0;
    // piece by piece: each ends where a place mention or the evidence span starts or ends
    while (at < s.text.size()) {
        std::size_t next = s.text.size();
        const bool in_evidence = at >= s.evidence_start && at < s.evidence_end;
        for (const auto& [a, b] : s.toponyms) {
            if (a >= at && a < next)
                next = a;
        }
        if (!in_evidence && s.evidence_start > at && s.evidence_start < next)
            next = s.evidence_start;
        if (in_evidence && s.evidence_end < next)
            next = s.evidence_end;
        bool toponym = false;
        std::size_t end = next;
        for (const auto& [a, b] : s.toponyms) {
            if (a == at) {
                toponym = true;
                end = std::min(b, s.text.size());
            }
        }
        if (!toponym)
            end = std::max(next, at + 1);
        QString piece = escape(std::string_view(s.text).substr(at, end - at)).replace("\n", "<br>");
        if (toponym)
            piece = "<u><b>" + piece + "</b></u>";
        if (in_evidence)
            piece = "<span style='background:#fff2a8'>" + piece + "</span>";
        body += piece;
        at = end;
    }
    return body;
}

QString event_detail_html(const EventRecord& r, const std::vector<EventSource>& sources) {
    QString html = event_facts_html(r);
    for (const EventSource& s : sources) {
        html += "<hr><p><b>" + escape(s.source) + "</b>" +
                (s.title.empty() ? QString() : " — " + escape(s.title)) + "</p>";
        html += "<p>" + (s.text.empty() ? escape(r.notes) : article_html(s)) + "</p>";
    }
    return html;
}

QString review_history_html(const std::vector<AuditEntry>& log) {
    if (log.empty())
        return {};
    QString html = "<hr><p><b>Review history</b></p><ul>";
    for (const AuditEntry& e : log) {
        html += "<li>" + escape(e.at) + " · " + escape(e.who) + " · <b>" + escape(e.action) +
                "</b>" + (e.note.empty() ? QString() : " — " + escape(e.note)) + "</li>";
    }
    return html + "</ul>";
}

} // namespace kharita::viewer
