#include "animation_palette.hpp"

#include <algorithm>
#include <unordered_map>
#include <utility>

namespace kharita::render {

namespace {

constexpr int kExactColours = 48; // kept verbatim: fills, symbol colours, text

/// A box of the median cut over 5-bit-a-channel cells.
struct Box {
    std::vector<std::uint32_t> cells; // 15-bit cell indexes
    std::uint64_t count = 0;
    int range = 0;   // the widest channel's extent, in cells
    int channel = 0; // which channel that is: 0 red, 1 green, 2 blue
};

int channel_of(std::uint32_t cell, int c) {
    return static_cast<int>((cell >> (10 - 5 * c)) & 31);
}

void measure(Box& b, const std::vector<std::uint32_t>& counts) {
    std::array<int, 3> lo{31, 31, 31}, hi{0, 0, 0};
    b.count = 0;
    for (const std::uint32_t cell : b.cells) {
        b.count += counts[cell];
        for (int c = 0; c < 3; ++c) {
            lo[static_cast<std::size_t>(c)] =
                std::min(lo[static_cast<std::size_t>(c)], channel_of(cell, c));
            hi[static_cast<std::size_t>(c)] =
                std::max(hi[static_cast<std::size_t>(c)], channel_of(cell, c));
        }
    }
    b.range = -1;
    for (int c = 0; c < 3; ++c) {
        const int r = hi[static_cast<std::size_t>(c)] - lo[static_cast<std::size_t>(c)];
        if (r > b.range) {
            b.range = r;
            b.channel = c;
        }
    }
}

/// Splits boxes at their weighted median until there are `n` (or none can be split).
std::vector<Box> median_cut(const std::vector<std::uint32_t>& counts, std::size_t n) {
    std::vector<Box> boxes(1);
    for (std::uint32_t cell = 0; cell < counts.size(); ++cell) {
        if (counts[cell] > 0)
            boxes[0].cells.push_back(cell);
    }
    if (boxes[0].cells.empty())
        return {};
    measure(boxes[0], counts);
    while (boxes.size() < n) {
        // the box with the most pixels times the widest extent goes next
        auto it = std::max_element(boxes.begin(), boxes.end(), [](const Box& a, const Box& b) {
            return a.count * static_cast<std::uint64_t>(a.range) <
                   b.count * static_cast<std::uint64_t>(b.range);
        });
        if (it->range <= 0 || it->cells.size() < 2)
            break;
        const int c = it->channel;
        std::sort(it->cells.begin(), it->cells.end(), [c](std::uint32_t a, std::uint32_t b) {
            return channel_of(a, c) < channel_of(b, c);
        });
        std::uint64_t half = 0;
        std::size_t cut = 1;
        for (; cut < it->cells.size() - 1; ++cut) {
            half += counts[it->cells[cut - 1]];
            if (2 * half >= it->count)
                break;
        }
        Box other;
        other.cells.assign(it->cells.begin() + static_cast<std::ptrdiff_t>(cut), it->cells.end());
        it->cells.resize(cut);
        measure(*it, counts);
        measure(other, counts);
        boxes.push_back(std::move(other));
    }
    return boxes;
}

std::uint32_t cell_of(QRgb c) {
    return ((static_cast<std::uint32_t>(qRed(c)) >> 3) << 10) |
           ((static_cast<std::uint32_t>(qGreen(c)) >> 3) << 5) |
           (static_cast<std::uint32_t>(qBlue(c)) >> 3);
}

} // namespace

std::array<std::uint32_t, 256> build_palette(const std::vector<QImage>& samples) {
    std::unordered_map<std::uint32_t, std::uint64_t> exact;
    std::vector<std::uint32_t> cells(32768, 0);
    std::vector<std::array<std::uint64_t, 3>> sums(32768, {0, 0, 0});
    for (const QImage& sample : samples) {
        const QImage img = sample.convertToFormat(QImage::Format_RGB32);
        for (int y = 0; y < img.height(); y += 2) { // every other pixel is enough to count
            const auto* line = reinterpret_cast<const QRgb*>(img.constScanLine(y));
            for (int x = 0; x < img.width(); x += 2) {
                const QRgb c = line[x] | 0xff000000U;
                ++exact[c];
                const std::uint32_t cell = cell_of(c);
                ++cells[cell];
                sums[cell][0] += static_cast<std::uint64_t>(qRed(c));
                sums[cell][1] += static_cast<std::uint64_t>(qGreen(c));
                sums[cell][2] += static_cast<std::uint64_t>(qBlue(c));
            }
        }
    }
    std::vector<std::pair<std::uint64_t, std::uint32_t>> frequent;
    frequent.reserve(exact.size());
    for (const auto& [colour, count] : exact)
        frequent.emplace_back(count, colour);
    const std::size_t keep = std::min<std::size_t>(kExactColours, frequent.size());
    std::partial_sort(frequent.begin(), frequent.begin() + static_cast<std::ptrdiff_t>(keep),
                      frequent.end(), std::greater<>());
    std::array<std::uint32_t, 256> palette{};
    palette.fill(0xff000000U);
    std::size_t n = 0;
    for (; n < keep; ++n)
        palette[n] = frequent[n].second;
    for (const Box& b : median_cut(cells, 256 - keep)) {
        std::array<std::uint64_t, 3> sum{0, 0, 0};
        std::uint64_t count = 0;
        for (const std::uint32_t cell : b.cells) {
            for (std::size_t c = 0; c < 3; ++c)
                sum[c] += sums[cell][c];
            count += cells[cell];
        }
        palette[n++] = qRgb(static_cast<int>(sum[0] / count), static_cast<int>(sum[1] / count),
                            static_cast<int>(sum[2] / count));
    }
    return palette;
}

PaletteDitherer::PaletteDitherer(const std::array<std::uint32_t, 256>& palette)
    : m_palette(palette), m_nearest(1U << 24, 0), m_known((1U << 24) / 64, 0) {}

std::uint8_t PaletteDitherer::nearest(std::uint32_t rgb) {
    rgb &= 0xffffffU;
    std::uint64_t& word = m_known[rgb >> 6];
    const std::uint64_t bit = std::uint64_t{1} << (rgb & 63);
    if ((word & bit) != 0)
        return m_nearest[rgb];
    const int r = qRed(rgb), g = qGreen(rgb), b = qBlue(rgb);
    int best = 0, best_d = 1 << 30;
    for (int i = 0; i < 256; ++i) {
        const QRgb p = m_palette[static_cast<std::size_t>(i)];
        const int dr = qRed(p) - r, dg = qGreen(p) - g, db = qBlue(p) - b;
        const int d = 2 * dr * dr + 4 * dg * dg + 3 * db * db; // rough perceptual weights
        if (d < best_d) {
            best_d = d;
            best = i;
        }
    }
    word |= bit;
    m_nearest[rgb] = static_cast<std::uint8_t>(best);
    return static_cast<std::uint8_t>(best);
}

void PaletteDitherer::map(const QImage& image, std::uint8_t* out, int stride) {
    const int w = image.width(), h = image.height();
    const auto row = static_cast<std::size_t>(w + 2) * 3;
    m_error.assign(2 * row, 0);
    for (int y = 0; y < h; ++y) {
        int* cur = m_error.data() + (y % 2) * row;
        int* next = m_error.data() + ((y + 1) % 2) * row;
        std::fill(next, next + row, 0);
        const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        std::uint8_t* dst = out + static_cast<std::ptrdiff_t>(y) * stride;
        for (int x = 0; x < w; ++x) {
            const QRgb c = line[x];
            int* e = cur + static_cast<std::size_t>(x + 1) * 3;
            const int r = std::clamp(qRed(c) + e[0] / 16, 0, 255);
            const int g = std::clamp(qGreen(c) + e[1] / 16, 0, 255);
            const int b = std::clamp(qBlue(c) + e[2] / 16, 0, 255);
            const std::uint8_t i = nearest(static_cast<std::uint32_t>(qRgb(r, g, b)));
            dst[x] = i;
            const QRgb p = m_palette[i];
            const std::array<int, 3> err{r - qRed(p), g - qGreen(p), b - qBlue(p)};
            int* n = next + static_cast<std::size_t>(x + 1) * 3;
            for (int k = 0; k < 3; ++k) {
                const int ek = err[static_cast<std::size_t>(k)];
                e[3 + k] += ek * 7; // right
                n[k - 3] += ek * 3; // below left (the row has a spare cell each side)
                n[k] += ek * 5;     // below
                n[3 + k] += ek;     // below right
            }
        }
    }
}

} // namespace kharita::render
