#pragma once
// The review queue: the events of the current filter, unreviewed first, then least
// confident first (the order of `kharita review list`), walked from the keyboard. Every
// change goes through EventModel::review() (EventStore::review underneath, as the command
// line does) against the version of the event the reviewer was shown, so a change made
// meanwhile by another reviewer is refused (ReviewConflict) and nothing is changed; the
// queue then reads the event again. The store has no undo: undo makes the inverse changes
// (a reset, then the earlier correction and state again), each one audited like any other.

#include "event_model.hpp"

#include "kharita/geo/gazetteer.hpp"

#include <QAbstractTableModel>
#include <QDialog>
#include <QWidget>

#include <functional>
#include <optional>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTreeWidget;

namespace kharita::viewer {

class MapWidget;

/// The queue's order: the model's visible points, unreviewed first, then least confident
/// first, then by id (stable between runs).
std::vector<std::size_t> review_order(const EventModel& model);

/// A place the reviewer can put an event at, with why it is offered.
struct PlaceChoice {
    std::string name;
    LatLon position;
    GeoPrecision precision = GeoPrecision::town;
    std::string country, admin1, admin1_code, feature;
    std::int64_t geonameid = 0;
    double score = 0;
    std::string reason; ///< "mention "Misrata": exact name, ...", "lookup of "X": alternate name"
};

/// The places an event could be at: for each place mention in its evidence sentence, the
/// geoparser's reading (its confidence and why) and the alternatives it weighed; then the
/// readings of the report's other mentions (an event whose sentence names no place took
/// its report's); then the gazetteer's candidates for the event's place name. Each place
/// once, with the first reason it was offered for.
std::vector<PlaceChoice> place_choices(const Gazetteer& gazetteer, const EventRecord& record,
                                       const std::vector<EventSource>& sources);
/// The correction that puts an event at a chosen place.
Correction place_correction(const PlaceChoice& choice);
/// The correction of a date range with its precision ("2025-03-01", "" for the same day).
/// Throws InputError naming the field: a day that does not parse, an inverted range.
Correction date_correction(const QString& from, const QString& to, TimePrecision precision);

/// The queue's state and its changes, with no widgets (the panel and the tests drive it).
class ReviewQueue : public QObject {
    Q_OBJECT
public:
    explicit ReviewQueue(EventModel& model, QObject* parent = nullptr);

    /// Builds the order from the model's current filter and goes to its first event.
    void rebuild();
    /// Empties the queue and forgets what undo could take back: done when the model loads
    /// a store (again), as its point indices then name other events.
    void clear();
    const std::vector<std::size_t>& order() const noexcept { return m_order; }
    /// Position of the current event in the order (-1 when the queue is empty).
    int position() const noexcept { return m_position; }
    std::optional<std::size_t> current() const;
    /// The current event as it was read when it became current: its version is the one a
    /// change is made against.
    const std::optional<EventRecord>& record() const noexcept { return m_record; }
    /// Makes the event at `position` current (and selected in the table, map and timeline).
    void go(int position);
    void next() { go(m_position + 1); }
    void previous() { go(m_position - 1); }

    /// Each returns whether the store took the change; on a refusal errorRaised says why,
    /// the store is unchanged and the event is read again. Confirm and reject move on.
    bool confirm(const std::string& note = {});
    bool reject(const std::string& note = {});
    bool correct(const Correction& correction, const std::string& note = {});
    /// Puts the current event at a point of the reviewer's own, named `name`.
    bool correct_place_at(LatLon where, const std::string& name);
    /// Merges the current event into event `into` (its id). The store has no merge: the
    /// current event is rejected with the note "merged into #N" and #N confirmed ("merged
    /// from #M"), two audited changes that undo takes back one at a time. Moves on.
    bool merge_into(std::int64_t into);
    /// Splits the current event in two, the second of another type (EventStore::
    /// split_event: anchored to the same report, made again by a re-parse). The store is
    /// loaded again, so the queue starts over and undo forgets; false on an error (dialog).
    bool split_off(EventType second, const std::string& note = {});
    /// Takes back this session's last change (see the file comment); false when there is
    /// none or the store refused (another reviewer changed the event since).
    bool undo();
    std::size_t undo_depth() const noexcept { return m_undo.size(); }
    QString last_error() const { return m_last_error; }
    /// Who the changes are made as (empty: review_author()).
    void set_reviewer(const std::string& who) { m_who = who; }

signals:
    void currentChanged();
    void errorRaised(const QString& message);

private:
    struct Done {
        std::size_t point;
        ReviewAction action;
        ReviewState before;
        std::optional<Correction> before_correction; ///< for a correction: the one it replaced
        std::int64_t version = 0;                    ///< the event's version after the change
    };
    bool apply(ReviewAction action, const Correction& correction, const std::string& note);
    std::optional<Correction> stored_correction(std::int64_t event_id) const;
    void fail(const QString& message);
    void reread();

    EventModel& m_model;
    std::vector<std::size_t> m_order;
    int m_position = -1;
    std::optional<EventRecord> m_record;
    std::vector<Done> m_undo;
    QString m_last_error;
    std::string m_who;
};

/// The queue as a table: one row per queued event.
class ReviewQueueModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, State, Confidence, Type, Date, Place, ColumnCount };
    ReviewQueueModel(ReviewQueue& queue, const EventModel& events, QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void reset() {
        beginResetModel();
        endResetModel();
    }
    void row_changed(int row) { emit dataChanged(index(row, 0), index(row, ColumnCount - 1)); }

private:
    ReviewQueue& m_queue;
    const EventModel& m_events;
};

/// Picks one of an event's place choices (name, where, score, why).
class PlaceDialog : public QDialog {
    Q_OBJECT
public:
    PlaceDialog(std::vector<PlaceChoice> choices, QWidget* parent = nullptr);
    std::optional<PlaceChoice> chosen() const;
    QTreeWidget* list() const { return m_list; }

private:
    std::vector<PlaceChoice> m_choices;
    QTreeWidget* m_list = nullptr;
};

/// A date range with its precision; refuses a day that does not parse or an inverted range.
class DateDialog : public QDialog {
    Q_OBJECT
public:
    DateDialog(const EventRecord& record, QWidget* parent = nullptr);
    std::optional<Correction> correction() const { return m_correction; }
    void done(int result) override;

private:
    QLineEdit* m_from = nullptr;
    QLineEdit* m_to = nullptr;
    QComboBox* m_precision = nullptr;
    QLabel* m_error = nullptr;
    std::optional<Correction> m_correction;
};

/// The review dock's content: the queue table, the current event, the keys (C confirm,
/// R reject, N/J next, P/K previous, M merge into…, Ctrl+Z undo), place and date fixes.
class ReviewPanel : public QWidget {
    Q_OBJECT
public:
    ReviewPanel(EventModel& model, MapWidget& map, std::function<const Gazetteer&()> gazetteer,
                QWidget* parent = nullptr);
    ReviewQueue& queue() { return m_queue; }
    QTableView& table() { return *m_table; }
    /// Rebuilds the queue from the current filter; returns the milliseconds it took.
    double open_queue();
    /// The place choices of the current event (the gazetteer opened on first use).
    std::vector<PlaceChoice> current_place_choices();
    /// The last error shown in a dialog (tests read it; the dialog does not block).
    QString shown_error() const { return m_shown_error; }
    /// Handles one review key; false when it is not one.
    bool handle_key(int key, Qt::KeyboardModifiers modifiers);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fix_place();
    void fix_date();
    void merge();
    void split();
    void pick_on_map();
    void show_current();
    void show_error(const QString& message);

    EventModel& m_model;
    MapWidget& m_map;
    std::function<const Gazetteer&()> m_gazetteer;
    ReviewQueue m_queue;
    ReviewQueueModel m_table_model;
    QTableView* m_table = nullptr;
    QLabel* m_current = nullptr;
    QString m_shown_error;
    bool m_picking = false;
};

} // namespace kharita::viewer
