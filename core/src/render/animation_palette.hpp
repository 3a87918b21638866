#pragma once
// The one palette of an animated GIF and the dithering of each frame onto it (internal).

#include <QImage>

#include <array>
#include <cstdint>
#include <vector>

namespace kharita::render {

/// 256 opaque colours (0xAARRGGBB) for a set of pictures: their most frequent exact colours
/// (the flat fills of the map, the symbols, the text) kept as they are, the rest of the
/// palette from a median cut of all their pixels.
std::array<std::uint32_t, 256> build_palette(const std::vector<QImage>& samples);

/// Maps pictures onto one palette with Floyd-Steinberg error diffusion: a colour that is in
/// the palette stays as it is (no dither noise on flat areas), the others are dithered.
class PaletteDitherer {
public:
    explicit PaletteDitherer(const std::array<std::uint32_t, 256>& palette);

    /// Writes one index per pixel of `image` (Format_RGB32) into rows of `stride` bytes.
    void map(const QImage& image, std::uint8_t* out, int stride);

private:
    std::array<std::uint32_t, 256> m_palette;
    std::vector<std::uint8_t> m_nearest; // by 24-bit colour, filled on first use
    std::vector<std::uint64_t> m_known;  // bit per 24-bit colour: m_nearest is filled
    std::vector<int> m_error;            // two rows of RGB error, in 1/16

    std::uint8_t nearest(std::uint32_t rgb);
};

} // namespace kharita::render
