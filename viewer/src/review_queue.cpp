#include "review_queue.hpp"

#include "map_widget.hpp"

#include "kharita/base/error.hpp"
#include "kharita/geo/geoparser.hpp"
#include "kharita/map/event_style.hpp"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace kharita::viewer {

namespace {

QString qstring(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QString date_range_text(const EventRecord& r) {
    if (!r.date_start)
        return "undated";
    const QString start = qstring(r.date_start->iso());
    const QString precision = qstring(time_precision_name(r.time_precision));
    if (!r.date_end || *r.date_end == *r.date_start)
        return start + " (" + precision + ")";
    return start + " – " + qstring(r.date_end->iso()) + " (" + precision + ")";
}

} // namespace

std::vector<std::size_t> review_order(const EventModel& model) {
    const auto& pts = model.points();
    std::vector<std::size_t> order;
    order.reserve(static_cast<std::size_t>(model.rowCount()));
    for (std::size_t i = 0; i < pts.size(); ++i) {
        if (model.visible()[i] != 0)
            order.push_back(i);
    }
    // as `kharita review list`: unreviewed first, then least confident first
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const bool am = pts.review[a] == ReviewState::machine;
        const bool bm = pts.review[b] == ReviewState::machine;
        if (am != bm)
            return am;
        if (pts.confidence[a] != pts.confidence[b])
            return pts.confidence[a] < pts.confidence[b];
        return pts.id[a] < pts.id[b];
    });
    return order;
}

std::vector<PlaceChoice> place_choices(const Gazetteer& gazetteer, const EventRecord& record,
                                       const std::vector<EventSource>& sources) {
    std::vector<PlaceChoice> out;
    const auto add = [&](PlaceId id, double score, std::string reason) {
        const Place& p = gazetteer.place(id);
        const bool known = std::any_of(out.begin(), out.end(), [&](const PlaceChoice& c) {
            return c.name == p.name && c.geonameid == p.geonameid;
        });
        if (known) // each place once, with the first (strongest) reason it was offered for
            return;
        PlaceChoice c;
        c.name = p.name;
        c.position = p.position;
        c.precision = p.precision();
        c.country = p.country;
        c.admin1 = gazetteer.admin1_name(p.country, p.admin1);
        c.admin1_code = p.admin1; // region filters select by the code
        c.feature = std::string(1, p.feature_class) + "." + p.feature_code;
        c.geonameid = p.geonameid;
        c.score = score;
        c.reason = std::move(reason);
        out.push_back(std::move(c));
    };
    // the article's mentions, read again by the geoparser (all of them: they are each
    // other's context); those of the evidence sentence first, with the alternatives weighed,
    // then the rest of the report's, for an event whose sentence names no place
    const Geoparser parser(gazetteer);
    std::vector<Toponym> elsewhere;
    for (const EventSource& s : sources) {
        std::vector<Span> spans;
        for (const auto& [start, end] : s.toponyms) {
            if (end <= s.text.size())
                spans.push_back({start, end});
        }
        for (Toponym& t : parser.resolve(s.text, spans)) {
            if (t.start < s.evidence_start || t.end > s.evidence_end) {
                elsewhere.push_back(std::move(t));
                continue;
            }
            const std::string mention = "mention \"" + t.text + "\"";
            if (t.place)
                add(*t.place, t.confidence, mention + ": " + t.why);
            for (const ToponymAlternative& alt : t.alternatives)
                add(alt.place, alt.score, mention + ": an alternative the geoparser weighed");
        }
    }
    for (const Toponym& t : elsewhere) {
        if (t.place)
            add(*t.place, t.confidence,
                "mention \"" + t.text + "\" elsewhere in the report: " + t.why);
    }
    // the gazetteer's candidates for the event's place name
    if (!record.location.empty()) {
        LookupOptions options;
        options.limit = 10;
        for (const Candidate& c : gazetteer.lookup(record.location, options)) {
            add(c.place, c.score,
                "lookup of \"" + record.location + "\": " + std::string(to_string(c.kind)));
        }
    }
    return out;
}

Correction place_correction(const PlaceChoice& choice) {
    Correction c;
    c.location = choice.name;
    c.position = choice.position;
    c.geo_precision = choice.precision;
    c.country = choice.country;
    c.admin1 = choice.admin1;
    c.admin1_code = choice.admin1_code;
    return c;
}

Correction date_correction(const QString& from, const QString& to, TimePrecision precision) {
    const auto day = [](const QString& text, const char* field) {
        const std::string s = text.trimmed().toStdString();
        const auto t = LocalTime::parse(s);
        if (!t || s.size() != 10)
            throw InputError(field, "\"" + s + "\" is not a day (YYYY-MM-DD)");
        return t->day;
    };
    Correction c;
    c.date_start = day(from, "from");
    c.date_end = to.trimmed().isEmpty() ? *c.date_start : day(to, "to");
    c.time_precision = precision;
    c.validate(); // an inverted range, named as the store names it
    return c;
}

// ---------------------------------------------------------------------------------------
// ReviewQueue

ReviewQueue::ReviewQueue(EventModel& model, QObject* parent) : QObject(parent), m_model(model) {
    connect(&model, &EventModel::loaded, this, &ReviewQueue::clear);
}

void ReviewQueue::clear() {
    m_order.clear();
    m_undo.clear();
    m_position = -1;
    m_record.reset();
    emit currentChanged();
}

void ReviewQueue::rebuild() {
    m_order = review_order(m_model);
    m_position = -1;
    m_record.reset();
    go(0);
}

std::optional<std::size_t> ReviewQueue::current() const {
    if (m_position < 0 || m_position >= static_cast<int>(m_order.size()))
        return std::nullopt;
    return m_order[static_cast<std::size_t>(m_position)];
}

void ReviewQueue::go(int position) {
    if (m_order.empty()) {
        m_position = -1;
        m_record.reset();
        emit currentChanged();
        return;
    }
    m_position = std::clamp(position, 0, static_cast<int>(m_order.size()) - 1);
    const std::size_t point = m_order[static_cast<std::size_t>(m_position)];
    try {
        m_record = m_model.record_of(point); // the version the reviewer sees
    } catch (const std::exception& e) {
        m_record.reset();
        m_last_error = QString::fromUtf8(e.what());
        emit errorRaised(m_last_error);
    }
    m_model.select(point);
    emit currentChanged();
}

void ReviewQueue::reread() {
    try {
        if (const auto point = current())
            m_record = m_model.record_of(*point);
    } catch (const std::exception& e) { // the store went away after the change was made
        m_record.reset();
        m_last_error = QString::fromUtf8(e.what());
        emit errorRaised(m_last_error);
    }
    emit currentChanged();
}

void ReviewQueue::fail(const QString& message) {
    m_last_error = message;
    // nothing was changed; what the store holds now is what the reviewer sees next
    try {
        if (const auto point = current())
            m_model.refresh_point(*point);
        m_record = current() ? std::optional(m_model.record_of(*current())) : std::nullopt;
    } catch (const std::exception&) { // the store is gone: the message above says enough
        m_record.reset();
    }
    emit currentChanged();
    emit errorRaised(message);
}

std::optional<Correction> ReviewQueue::stored_correction(std::int64_t event_id) const {
    if (!m_model.store())
        return std::nullopt;
    for (const StoredCorrection& c : m_model.store()->corrections()) {
        if (c.event_id == event_id)
            return c.correction;
    }
    return std::nullopt;
}

bool ReviewQueue::apply(ReviewAction action, const Correction& correction,
                        const std::string& note) {
    const auto point = current();
    if (!point || !m_record)
        return false;
    ReviewChange change;
    change.action = action;
    change.correction = correction;
    change.note = note;
    change.who = m_who;
    change.expected_version = m_record->version;
    Done done{*point, action, m_record->review, std::nullopt, 0};
    try {
        if (action == ReviewAction::correct && m_record->review != ReviewState::machine)
            done.before_correction = stored_correction(m_record->id);
        done.version = m_model.review(*point, change).version;
    } catch (const std::exception& e) { // ReviewConflict, InputError, DatabaseError
        fail(QString::fromUtf8(e.what()));
        return false;
    }
    m_undo.push_back(std::move(done));
    m_last_error.clear();
    reread();
    return true;
}

bool ReviewQueue::confirm(const std::string& note) {
    if (!apply(ReviewAction::confirm, {}, note))
        return false;
    next();
    return true;
}

bool ReviewQueue::reject(const std::string& note) {
    if (!apply(ReviewAction::reject, {}, note))
        return false;
    next();
    return true;
}

bool ReviewQueue::correct(const Correction& correction, const std::string& note) {
    return apply(ReviewAction::correct, correction, note);
}

bool ReviewQueue::correct_place_at(LatLon where, const std::string& name) {
    Correction c;
    c.location = name;
    c.position = where;
    return correct(c, "placed on the map");
}

bool ReviewQueue::merge_into(std::int64_t into) {
    const auto point = current();
    if (!point || !m_record)
        return false;
    const auto& ids = m_model.points().id;
    const auto target = std::find(ids.begin(), ids.end(), into);
    if (target == ids.end() || into == m_record->id) {
        fail(QString("Merge: event %1 is %2.")
                 .arg(into)
                 .arg(into == m_record->id ? "the event itself" : "not in the open store"));
        return false;
    }
    const auto target_point = static_cast<std::size_t>(target - ids.begin());
    const std::int64_t from = m_record->id;
    EventRecord kept;
    try {
        kept = m_model.record_of(target_point); // the version the merge is made against
    } catch (const std::exception& e) {
        fail(QString::fromUtf8(e.what()));
        return false;
    }
    if (!apply(ReviewAction::reject, {}, "merged into #" + std::to_string(into)))
        return false;
    ReviewChange keep;
    keep.action = ReviewAction::confirm;
    keep.note = "merged from #" + std::to_string(from);
    keep.who = m_who;
    keep.expected_version = kept.version;
    try {
        const ReviewOutcome done = m_model.review(target_point, keep);
        m_undo.push_back(
            {target_point, ReviewAction::confirm, kept.review, std::nullopt, done.version});
    } catch (const std::exception& e) {
        fail(QString("#%1 was rejected as merged, but #%2 could not be confirmed: %3")
                 .arg(from)
                 .arg(into)
                 .arg(QString::fromUtf8(e.what())));
        return false;
    }
    next();
    return true;
}

bool ReviewQueue::split_off(EventType second, const std::string& note) {
    const auto point = current();
    if (!point || !m_record)
        return false;
    ReviewChange change;
    change.correction.type = second;
    change.note = note;
    change.who = m_who;
    change.expected_version = m_record->version;
    try {
        m_model.split(*point, change);
    } catch (const std::exception& e) { // ReviewConflict, InputError, DatabaseError
        fail(QString::fromUtf8(e.what()));
        return false;
    }
    m_last_error.clear();
    return true;
}

bool ReviewQueue::undo() {
    if (m_undo.empty())
        return false;
    const Done d = m_undo.back();
    m_undo.pop_back();
    const auto at = std::find(m_order.begin(), m_order.end(), d.point);
    if (at != m_order.end())
        go(static_cast<int>(at - m_order.begin()));
    // the inverse changes: a correction, or a first review, is taken back by a reset (and
    // the earlier correction and state made again); a confirm or reject of a reviewed event
    // by the earlier state, which keeps its correction
    std::vector<ReviewAction> steps;
    if (d.action == ReviewAction::correct || d.before == ReviewState::machine)
        steps.push_back(ReviewAction::reset);
    const bool had_correction = d.before_correction && !d.before_correction->empty();
    if (had_correction)
        steps.push_back(ReviewAction::correct);
    if (d.before == ReviewState::rejected)
        steps.push_back(ReviewAction::reject);
    else if (d.before == ReviewState::confirmed ||
             (d.before == ReviewState::corrected && !had_correction))
        steps.push_back(ReviewAction::confirm);
    std::int64_t version = d.version;
    try {
        for (const ReviewAction a : steps) {
            ReviewChange change;
            change.action = a;
            if (a == ReviewAction::correct)
                change.correction = *d.before_correction;
            change.note = "undo";
            change.who = m_who;
            change.expected_version = version; // refused when someone changed it since
            version = m_model.review(d.point, change).version;
        }
    } catch (const std::exception& e) {
        fail(QString::fromUtf8(e.what()));
        return false;
    }
    // the event is as this session's earlier change left it, at a newer version
    const auto earlier = std::find_if(m_undo.rbegin(), m_undo.rend(),
                                      [&](const Done& e) { return e.point == d.point; });
    if (earlier != m_undo.rend())
        earlier->version = version;
    m_last_error.clear();
    reread();
    return true;
}

// ---------------------------------------------------------------------------------------
// ReviewQueueModel

ReviewQueueModel::ReviewQueueModel(ReviewQueue& queue, const EventModel& events, QObject* parent)
    : QAbstractTableModel(parent), m_queue(queue), m_events(events) {}

int ReviewQueueModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_queue.order().size());
}

int ReviewQueueModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReviewQueueModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const std::size_t i = m_queue.order()[static_cast<std::size_t>(index.row())];
    const auto& pts = m_events.points();
    if (role == Qt::ForegroundRole && pts.review[i] == ReviewState::machine)
        return QColor(110, 110, 110);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Id:
        return QVariant::fromValue(static_cast<qlonglong>(pts.id[i]));
    case State:
        return review_text(pts.review[i]);
    case Confidence:
        return QString::number(double(pts.confidence[i]), 'f', 2);
    case Type:
        return qstring(event_style(to_string(pts.type[i])).label);
    case Date:
        return pts.dated[i] ? day_text(pts.day_start[i]) : QStringLiteral("undated");
    case Place:
        return QString::fromStdString(pts.location[i]);
    default:
        return {};
    }
}

QVariant ReviewQueueModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return {};
    static const char* const names[] = {"#", "Review", "Conf.", "Type", "Date", "Place"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(names[section]) : QVariant();
}

// ---------------------------------------------------------------------------------------
// Dialogs

PlaceDialog::PlaceDialog(std::vector<PlaceChoice> choices, QWidget* parent)
    : QDialog(parent), m_choices(std::move(choices)) {
    setWindowTitle("Fix the place");
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(m_choices.empty()
                                     ? "No gazetteer candidates: use Pick on map."
                                     : "The geoparser's readings of the report's place "
                                       "mentions (the event's sentence first), then the "
                                       "gazetteer's matches of the event's place name:"));
    m_list = new QTreeWidget;
    m_list->setHeaderLabels({"Place", "Country / region", "Score", "Why"});
    m_list->setRootIsDecorated(false);
    for (const PlaceChoice& c : m_choices) {
        auto* item = new QTreeWidgetItem(
            {qstring(c.name), qstring(c.country + (c.admin1.empty() ? "" : " / " + c.admin1)),
             QString::number(c.score, 'f', 2), qstring(c.reason)});
        item->setToolTip(3, qstring(c.reason));
        m_list->addTopLevelItem(item);
    }
    if (!m_choices.empty())
        m_list->setCurrentItem(m_list->topLevelItem(0));
    m_list->resizeColumnToContents(0);
    m_list->resizeColumnToContents(1);
    layout->addWidget(m_list);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &QDialog::accept);
    layout->addWidget(buttons);
    resize(920, 380);
}

std::optional<PlaceChoice> PlaceDialog::chosen() const {
    const int row = m_list->indexOfTopLevelItem(m_list->currentItem());
    if (row < 0 || row >= static_cast<int>(m_choices.size()))
        return std::nullopt;
    return m_choices[static_cast<std::size_t>(row)];
}

DateDialog::DateDialog(const EventRecord& record, QWidget* parent) : QDialog(parent) {
    setWindowTitle("Fix the date");
    auto* form = new QFormLayout(this);
    m_from = new QLineEdit(record.date_start ? qstring(record.date_start->iso()) : QString());
    m_to = new QLineEdit(record.date_end ? qstring(record.date_end->iso()) : QString());
    m_from->setPlaceholderText("YYYY-MM-DD");
    m_to->setPlaceholderText("YYYY-MM-DD (empty: the same day)");
    m_precision = new QComboBox;
    for (const TimePrecision p : {TimePrecision::day, TimePrecision::week, TimePrecision::month,
                                  TimePrecision::year, TimePrecision::decade})
        m_precision->addItem(qstring(to_string(p)), static_cast<int>(p));
    m_precision->setCurrentIndex(
        std::max(0, m_precision->findData(
                        static_cast<int>(record.time_precision.value_or(TimePrecision::day)))));
    m_error = new QLabel;
    m_error->setStyleSheet("color: #8a1f11;");
    form->addRow("From", m_from);
    form->addRow("To", m_to);
    form->addRow("Precision", m_precision);
    form->addRow(m_error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

void DateDialog::done(int result) {
    if (result == QDialog::Accepted) {
        try {
            m_correction =
                date_correction(m_from->text(), m_to->text(),
                                static_cast<TimePrecision>(m_precision->currentData().toInt()));
        } catch (const std::exception& e) {
            m_error->setText(QString::fromUtf8(e.what())); // stays open to be fixed
            return;
        }
    }
    QDialog::done(result);
}

// ---------------------------------------------------------------------------------------
// ReviewPanel

ReviewPanel::ReviewPanel(EventModel& model, MapWidget& map,
                         std::function<const Gazetteer&()> gazetteer, QWidget* parent)
    : QWidget(parent), m_model(model), m_map(map), m_gazetteer(std::move(gazetteer)),
      m_queue(model), m_table_model(m_queue, model) {
    auto* layout = new QVBoxLayout(this);
    auto* keys = new QLabel(
        "<b>C</b> confirm · <b>R</b> reject · <b>N</b>/<b>J</b> next · "
        "<b>P</b>/<b>K</b> previous · <b>M</b> merge · <b>S</b> split · <b>Ctrl+Z</b> undo");
    layout->addWidget(keys);
    m_table = new QTableView;
    m_table->setModel(&m_table_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(20);
    m_table->horizontalHeader()->setStretchLastSection(true);
    // fixed widths: sizing to contents would read every one of 100,000 rows
    for (const auto& [column, width] : {std::pair{ReviewQueueModel::Id, 58},
                                        {ReviewQueueModel::State, 76},
                                        {ReviewQueueModel::Confidence, 44},
                                        {ReviewQueueModel::Type, 128},
                                        {ReviewQueueModel::Date, 84}})
        m_table->setColumnWidth(column, width);
    m_table->installEventFilter(this);
    setMinimumWidth(540);
    layout->addWidget(m_table, 1);
    m_current = new QLabel;
    m_current->setWordWrap(true);
    m_current->setTextFormat(Qt::RichText);
    m_current->setMinimumHeight(70);
    m_current->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_current);
    auto* row1 = new QHBoxLayout;
    auto* row2 = new QHBoxLayout;
    const auto button = [this](QHBoxLayout* row, const QString& text, auto&& slot) {
        auto* b = new QPushButton(text);
        b->setFocusPolicy(Qt::NoFocus); // the keys stay with the queue
        connect(b, &QPushButton::clicked, this, slot);
        row->addWidget(b);
    };
    button(row1, "Confirm (C)", [this] { m_queue.confirm(); });
    button(row1, "Reject (R)", [this] { m_queue.reject(); });
    button(row1, "Previous (P)", [this] { m_queue.previous(); });
    button(row1, "Next (N)", [this] { m_queue.next(); });
    button(row1, "Undo", [this] { m_queue.undo(); });
    button(row2, "Fix place…", [this] { fix_place(); });
    button(row2, "Pick on map", [this] { pick_on_map(); });
    button(row2, "Fix date…", [this] { fix_date(); });
    button(row2, "Merge into… (M)", [this] { merge(); });
    button(row2, "Split… (S)", [this] { split(); });
    layout->addLayout(row1);
    layout->addLayout(row2);

    connect(&m_queue, &ReviewQueue::currentChanged, this, &ReviewPanel::show_current);
    connect(&m_queue, &ReviewQueue::errorRaised, this, &ReviewPanel::show_error);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& index) {
                if (index.isValid() && index.row() != m_queue.position())
                    m_queue.go(index.row());
            });
    // a store (re)loaded: the queue emptied itself (connected first), the table follows
    connect(&m_model, &EventModel::loaded, this, [this] { m_table_model.reset(); });
    // the filter decides what is queued; a click on the map or the table moves the queue
    connect(&m_model, &EventModel::filterChanged, this, [this] {
        if (isVisible())
            open_queue();
    });
    connect(&m_model, &EventModel::selectionChanged, this, [this](std::optional<std::size_t> p) {
        if (!p || p == m_queue.current())
            return;
        const auto& order = m_queue.order();
        const auto at = std::find(order.begin(), order.end(), *p);
        if (at != order.end())
            m_queue.go(static_cast<int>(at - order.begin()));
    });
    connect(&m_map, &MapWidget::placePicked, this, [this](LatLon where) {
        if (!m_picking)
            return;
        m_picking = false;
        bool ok = false;
        const QString name = QInputDialog::getText(
            this, "Pick on map",
            QString("Name of the place at %1°, %2°:")
                .arg(where.lat, 0, 'f', 4)
                .arg(where.lon, 0, 'f', 4),
            QLineEdit::Normal, m_queue.record() ? qstring(m_queue.record()->location) : QString(),
            &ok);
        if (ok)
            m_queue.correct_place_at(where, name.trimmed().toStdString());
    });
}

double ReviewPanel::open_queue() {
    QElapsedTimer timer;
    timer.start();
    m_table_model.reset();
    m_queue.rebuild();
    m_table_model.reset();
    show_current();
    return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

void ReviewPanel::show_current() {
    const int row = m_queue.position();
    if (m_table_model.rowCount() > 0) // states change under the rows: redraw the visible ones
        emit m_table_model.dataChanged(
            m_table_model.index(0, 0),
            m_table_model.index(m_table_model.rowCount() - 1, ReviewQueueModel::ColumnCount - 1));
    if (row >= 0 && m_table->currentIndex().row() != row) {
        m_table->setCurrentIndex(m_table_model.index(row, 0));
        m_table->scrollTo(m_table_model.index(row, 0));
    }
    const auto& r = m_queue.record();
    if (!r) {
        m_current->setText(m_queue.order().empty() ? "The filter selects no events." : "");
        return;
    }
    m_current->setText(
        QString("<b>%1 of %2</b> · event %3, version %4 · <b>%5</b> (confidence %6)<br>"
                "%7 · %8 · %9<br><i>%10</i>")
            .arg(row + 1)
            .arg(m_queue.order().size())
            .arg(r->id)
            .arg(r->version)
            .arg(review_text(r->review))
            .arg(r->confidence, 0, 'f', 2)
            .arg(qstring(event_style(to_string(r->type)).label).toHtmlEscaped())
            .arg(date_range_text(*r).toHtmlEscaped())
            .arg(qstring(r->location.empty() ? "no place" : r->location).toHtmlEscaped())
            .arg(qstring(r->notes.substr(0, 300)).toHtmlEscaped()));
}

void ReviewPanel::show_error(const QString& message) {
    m_shown_error = message;
    auto* box = new QMessageBox(QMessageBox::Warning, "Review: nothing was changed", message,
                                QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open(); // window-modal, and it does not block the caller
}

std::vector<PlaceChoice> ReviewPanel::current_place_choices() {
    const auto& r = m_queue.record();
    if (!r || !m_model.store())
        return {};
    return place_choices(m_gazetteer(), *r, m_model.store()->sources(r->id));
}

void ReviewPanel::fix_place() {
    if (!m_queue.record())
        return;
    std::vector<PlaceChoice> choices;
    try {
        choices = current_place_choices();
    } catch (const std::exception& e) { // no gazetteer: the map is still there
        show_error(QString("The gazetteer could not be read: %1. Use Pick on map.")
                       .arg(QString::fromUtf8(e.what())));
        return;
    }
    PlaceDialog dialog(std::move(choices), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (const auto c = dialog.chosen())
        m_queue.correct(place_correction(*c), "place picked among the candidates");
}

void ReviewPanel::fix_date() {
    if (!m_queue.record())
        return;
    DateDialog dialog(*m_queue.record(), this);
    if (dialog.exec() == QDialog::Accepted && dialog.correction())
        m_queue.correct(*dialog.correction(), "date fixed");
}

void ReviewPanel::merge() {
    if (!m_queue.record())
        return;
    bool ok = false;
    const int into = QInputDialog::getInt(
        this, "Merge",
        QString("Event %1 tells the same event as event number:").arg(m_queue.record()->id), 1, 1,
        std::numeric_limits<int>::max(), 1, &ok);
    if (ok)
        m_queue.merge_into(into);
}

void ReviewPanel::split() {
    if (!m_queue.record())
        return;
    QStringList types;
    for (const EventType t : EventTypeSet::all().values()) {
        if (t != m_queue.record()->type)
            types << QString::fromUtf8(std::string(to_string(t)).c_str());
    }
    bool ok = false;
    const QString second = QInputDialog::getItem(
        this, "Split",
        QString("Event %1 tells two happenings; the second one's type:").arg(m_queue.record()->id),
        types, 0, false, &ok);
    if (ok) {
        if (const auto type = event_type_from(second.toStdString()))
            m_queue.split_off(*type, "split in the review queue");
    }
}

void ReviewPanel::pick_on_map() {
    if (!m_queue.record())
        return;
    m_picking = true;
    m_map.set_picking(true);
}

bool ReviewPanel::handle_key(int key, Qt::KeyboardModifiers modifiers) {
    if (key == Qt::Key_Z && (modifiers & Qt::ControlModifier)) {
        m_queue.undo();
        return true;
    }
    if (modifiers & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
        return false;
    switch (key) {
    case Qt::Key_C:
        m_queue.confirm();
        return true;
    case Qt::Key_R:
        m_queue.reject();
        return true;
    case Qt::Key_N:
    case Qt::Key_J:
        m_queue.next();
        return true;
    case Qt::Key_P:
    case Qt::Key_K:
        m_queue.previous();
        return true;
    case Qt::Key_M:
        merge();
        return true;
    case Qt::Key_S:
        split();
        return true;
    default:
        return false;
    }
}

void ReviewPanel::keyPressEvent(QKeyEvent* event) {
    if (!handle_key(event->key(), event->modifiers()))
        QWidget::keyPressEvent(event);
}

bool ReviewPanel::eventFilter(QObject* watched, QEvent* event) {
    // the queue's keys, before the table takes letters for its keyboard search
    // (the window's table and map pass them on only while the queue is shown)
    if (event->type() == QEvent::KeyPress && (watched == m_table || isVisible())) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (handle_key(key->key(), key->modifiers()))
            return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace kharita::viewer
