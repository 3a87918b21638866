#include "kharita/geo/polygon.hpp"

#include "detail/gdal.hpp"
#include "kharita/base/error.hpp"
#include "kharita/text/normalize.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <fstream>
#include <memory>
#include <string_view>

namespace kharita {

namespace {

/// The text forms a polygon can be typed in, named as messages name them.
enum class PolygonText : std::uint8_t { wkt, geojson };
constexpr std::array<std::string_view, 2> kPolygonTextNames = {"WKT", "GeoJSON"};

std::string name_of(PolygonText form) {
    return std::string(kPolygonTextNames[static_cast<std::size_t>(form)]);
}

/// Owns `g` and checks that it is a non-empty polygon or multipolygon parsed from `form`.
std::unique_ptr<OGRGeometry> checked_polygon(OGRGeometry* g, const std::string& input,
                                             PolygonText form) {
    const std::string what = name_of(form);
    std::unique_ptr<OGRGeometry> owned(g);
    if (!owned)
        throw InputError(input, "not valid " + what);
    const auto type = wkbFlatten(owned->getGeometryType());
    if (type != wkbPolygon && type != wkbMultiPolygon) {
        throw InputError(input,
                         "the " + what + " is a " + owned->getGeometryName() + ", not a polygon");
    }
    if (owned->IsEmpty())
        throw InputError(input, "the " + what + " polygon is empty");
    return owned;
}

std::string to_wkt(const OGRGeometry& g) {
    char* wkt = nullptr;
    g.exportToWkt(&wkt);
    std::string out = wkt != nullptr ? wkt : "";
    CPLFree(wkt);
    return out;
}

std::unique_ptr<OGRGeometry> parse_text(const std::string& text, const std::string& input) {
    detail::GdalErrorScope quiet;
    if (text.starts_with("{")) {
        return checked_polygon(OGRGeometryFactory::createFromGeoJson(text.c_str()), input,
                               PolygonText::geojson);
    }
    OGRGeometry* g = nullptr;
    const char* p = text.c_str();
    if (OGRGeometryFactory::createFromWkt(p, nullptr, &g) != OGRERR_NONE) {
        delete g;
        g = nullptr;
    }
    return checked_polygon(g, input, PolygonText::wkt);
}

} // namespace

std::string read_polygon(const std::string& arg) {
    std::string text = arg;
    text.erase(0, text.find_first_not_of(" \t\r\n"));
    if (text.empty())
        throw InputError("polygon", "empty");
    const std::string upper = ascii_upper(text.substr(0, 12));
    if (upper.starts_with("POLYGON") || upper.starts_with("MULTIPOLYGON") || text.front() == '{') {
        return to_wkt(*parse_text(text, "polygon"));
    }
    const std::filesystem::path file(text);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
        throw InputError("polygon", "\"" + text.substr(0, 60) +
                                        "\" is neither WKT, GeoJSON nor a readable file");
    }
    if (file.extension() == ".wkt") {
        std::ifstream in(file);
        const std::string content{std::istreambuf_iterator<char>(in), {}};
        return to_wkt(*parse_text(content, file.string()));
    }
    detail::Dataset ds = [&] {
        try {
            return detail::Dataset::open_vector(file);
        } catch (const GdalError& e) {
            throw InputError(file.string(), "not a vector file GDAL can read");
        }
    }();
    if (ds.layer_count() == 0)
        throw InputError(file.string(), "no layers");
    OGRLayer* layer = ds.layer(0);
    std::unique_ptr<OGRGeometry> all;
    layer->ResetReading();
    while (detail::Feature f{layer->GetNextFeature()}) {
        const OGRGeometry* g = f->GetGeometryRef();
        if (g == nullptr)
            continue;
        const auto type = wkbFlatten(g->getGeometryType());
        if (type != wkbPolygon && type != wkbMultiPolygon)
            continue;
        all.reset(all ? all->Union(g) : g->clone());
    }
    if (!all)
        throw InputError(file.string(), "holds no polygon");
    return to_wkt(*all);
}

struct Polygon::Impl {
    std::unique_ptr<OGRGeometry> geometry;
    OGRPreparedGeometry* prepared = nullptr;
    BoundingBox box;

    Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    ~Impl() { OGRDestroyPreparedGeometry(prepared); }
};

Polygon::Polygon(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Polygon::Polygon(Polygon&&) noexcept = default;
Polygon& Polygon::operator=(Polygon&&) noexcept = default;
Polygon::~Polygon() = default;

Polygon Polygon::from_wkt(const std::string& wkt) {
    auto impl = std::make_unique<Impl>();
    impl->geometry = parse_text(wkt, "polygon");
    impl->prepared = OGRCreatePreparedGeometry(impl->geometry.get());
    OGREnvelope env;
    impl->geometry->getEnvelope(&env);
    impl->box = {env.MinX, env.MinY, env.MaxX, env.MaxY};
    return Polygon(std::move(impl));
}

bool Polygon::contains(const LatLon& p) const {
    OGRPoint pt(p.lon, p.lat);
    return m_impl->prepared != nullptr ? OGRPreparedGeometryIntersects(m_impl->prepared, &pt) != 0
                                       : m_impl->geometry->Intersects(&pt) != 0;
}

BoundingBox Polygon::bounds() const {
    return m_impl->box;
}

} // namespace kharita
