#pragma once
// The detail pane's HTML for one event: its facts, then each report of it, the article with
// its evidence sentence highlighted and its place names marked.

#include "kharita/store/store.hpp"

#include <QString>

#include <vector>

namespace kharita::viewer {

/// What, when, where, status, toll, actors, confidence and sources.
QString event_facts_html(const EventRecord& r);

/// The report's article text as HTML, escaped, line breaks kept: the evidence span on a
/// yellow ground, the place mentions underlined and bold.
QString article_html(const EventSource& source);

/// The facts, then each report (an imported event's report is its notes).
QString event_detail_html(const EventRecord& r, const std::vector<EventSource>& sources);

/// The event's review history from the audit trail, oldest first: when, who, what, note.
/// Empty when no analyst has changed it.
QString review_history_html(const std::vector<AuditEntry>& log);

} // namespace kharita::viewer
