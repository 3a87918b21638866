// Encoding the frames of an animation through FFmpeg's libraries, and probing the result.

#include "kharita/render/animation.hpp"

#include "animation_palette.hpp"
#include "ffmpeg.hpp"

#include "kharita/base/error.hpp"

extern "C" {
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
}

#include <algorithm>
#include <chrono>
#include <cstring>
#include <optional>
#include <system_error>

namespace kharita::render {

namespace {

/// The encoder for a format, and what the user is told when it is a fallback.
struct EncoderChoice {
    const AVCodec* codec = nullptr;
    std::string note;
};

EncoderChoice choose_encoder(AnimationFormat format, bool fallback_only) {
    const auto by_name = [&](const char* name) -> const AVCodec* {
        return fallback_only ? nullptr : avcodec_find_encoder_by_name(name);
    };
    EncoderChoice c;
    switch (format) {
    case AnimationFormat::mp4:
        c.codec = by_name("libx264");
        if (c.codec == nullptr) {
            c.codec = avcodec_find_encoder(AV_CODEC_ID_MPEG4);
            c.note = "this FFmpeg has no H.264 encoder (libx264): MPEG-4 part 2 instead";
        }
        break;
    case AnimationFormat::webm:
        c.codec = by_name("libvpx-vp9");
        if (c.codec == nullptr) {
            c.codec = avcodec_find_encoder_by_name("libvpx");
            c.note = "this FFmpeg has no VP9 encoder (libvpx-vp9): VP8 instead";
        }
        break;
    case AnimationFormat::gif:
        c.codec = avcodec_find_encoder(AV_CODEC_ID_GIF);
        break;
    }
    if (c.codec == nullptr) {
        throw Error("this FFmpeg has no encoder for " + std::string(to_string(format)) +
                    " animations");
    }
    return c;
}

void set_option(AVCodecContext* c, const char* name, const char* value) {
    av_opt_set(c->priv_data, name, value, 0); // an option the encoder lacks is left out
}

/// Tunes the encoder for maps: flat colours, sharp lines, a few changes between frames.
void configure(AVCodecContext* c, const AVCodec* codec) {
    const std::string name = codec->name;
    if (name == "libx264") {
        set_option(c, "preset", "veryfast");
        set_option(c, "crf", "23");
        set_option(c, "tune", "animation");
    } else if (name == "libvpx-vp9" || name == "libvpx") {
        // the good-quality deadline is minutes per hundred frames: realtime is seconds
        set_option(c, "deadline", "realtime");
        set_option(c, "cpu-used", "8");
        set_option(c, "row-mt", "1");
        set_option(c, "crf", "32");
        c->bit_rate = name == "libvpx" ? 2000000 : 0;
    } else if (name == "mpeg4") {
        c->flags |= AV_CODEC_FLAG_QSCALE;
        c->global_quality = FF_QP2LAMBDA * 4;
    }
    c->thread_count = 2;
}

/// One open output: the muxer, the encoder and the frame and packet it reuses.
class Encoder {
public:
    /// Writes `file`; errors name `name` (the destination the user asked for).
    Encoder(const std::filesystem::path& file, std::string name, const EncodeSettings& s);
    void add(const QImage& image, const std::array<std::uint32_t, 256>* palette);
    void finish();
    const std::string& codec_name() const noexcept { return m_codec_name; }
    const std::string& note() const noexcept { return m_note; }

private:
    std::string m_file;
    av::OutputFormat m_format;
    av::CodecContext m_codec;
    av::Frame m_frame;
    av::Packet m_packet;
    av::Scaler m_scaler;
    AVStream* m_stream = nullptr;
    std::optional<PaletteDitherer> m_ditherer;
    std::int64_t m_next_pts = 0;
    std::string m_codec_name, m_note;

    [[noreturn]] void fail(const std::string& what, int code) const {
        throw InputError(m_file, what + ": " + av::error_text(code));
    }
    void drain();
};

Encoder::Encoder(const std::filesystem::path& file, std::string name, const EncodeSettings& s)
    : m_file(std::move(name)) {
    const EncoderChoice choice = choose_encoder(s.format, s.fallback_encoder);
    m_codec_name = choice.codec->name;
    m_note = choice.note;
    AVFormatContext* fc = nullptr;
    const std::string muxer(to_string(s.format));
    int rc = avformat_alloc_output_context2(&fc, nullptr, muxer.c_str(), file.c_str());
    if (rc < 0 || fc == nullptr)
        fail("cannot start the " + muxer + " file", rc);
    m_format.reset(fc);
    m_codec.reset(avcodec_alloc_context3(choice.codec));
    m_frame.reset(av_frame_alloc());
    m_packet.reset(av_packet_alloc());
    if (!m_codec || !m_frame || !m_packet)
        throw std::bad_alloc();
    AVCodecContext* c = m_codec.get();
    c->width = s.size.width();
    c->height = s.size.height();
    c->time_base = AVRational{1, s.fps};
    c->framerate = AVRational{s.fps, 1};
    c->gop_size = std::max(1, s.fps * 5);
    c->pix_fmt = s.format == AnimationFormat::gif ? AV_PIX_FMT_PAL8 : AV_PIX_FMT_YUV420P;
    configure(c, choice.codec);
    if ((fc->oformat->flags & AVFMT_GLOBALHEADER) != 0)
        c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if ((rc = avcodec_open2(c, choice.codec, nullptr)) < 0)
        fail("cannot open the " + m_codec_name + " encoder", rc);
    m_stream = avformat_new_stream(fc, nullptr);
    if (m_stream == nullptr)
        throw std::bad_alloc();
    m_stream->time_base = c->time_base;
    m_stream->avg_frame_rate = c->framerate;
    if ((rc = avcodec_parameters_from_context(m_stream->codecpar, c)) < 0)
        fail("cannot describe the stream", rc);
    if ((rc = avio_open(&fc->pb, file.c_str(), AVIO_FLAG_WRITE)) < 0)
        fail("cannot write the file", rc);
    if ((rc = avformat_write_header(fc, nullptr)) < 0)
        fail("cannot write the header", rc);
    m_frame->format = c->pix_fmt;
    m_frame->width = c->width;
    m_frame->height = c->height;
    if ((rc = av_frame_get_buffer(m_frame.get(), 0)) < 0)
        fail("cannot allocate a frame", rc);
    if (s.format != AnimationFormat::gif) {
        m_scaler.reset(sws_getContext(c->width, c->height, AV_PIX_FMT_RGB32, c->width, c->height,
                                      AV_PIX_FMT_YUV420P, SWS_POINT, nullptr, nullptr, nullptr));
        if (!m_scaler)
            throw Error("cannot convert frames to YUV 4:2:0");
    }
}

void Encoder::add(const QImage& picture, const std::array<std::uint32_t, 256>* palette) {
    const QImage image = picture.format() == QImage::Format_RGB32
                             ? picture
                             : picture.convertToFormat(QImage::Format_RGB32);
    int rc = av_frame_make_writable(m_frame.get());
    if (rc < 0)
        fail("cannot reuse the frame", rc);
    if (m_scaler) {
        const std::uint8_t* src[1] = {image.constBits()};
        const int stride[1] = {static_cast<int>(image.bytesPerLine())};
        sws_scale(m_scaler.get(), src, stride, 0, image.height(), m_frame->data, m_frame->linesize);
    } else {
        if (!m_ditherer)
            m_ditherer.emplace(*palette);
        m_ditherer->map(image, m_frame->data[0], m_frame->linesize[0]);
        std::memcpy(m_frame->data[1], palette->data(), 256 * sizeof(std::uint32_t));
    }
    m_frame->pts = m_next_pts++;
    if ((rc = avcodec_send_frame(m_codec.get(), m_frame.get())) < 0)
        fail("cannot encode a frame", rc);
    drain();
}

void Encoder::drain() {
    for (;;) {
        const int rc = avcodec_receive_packet(m_codec.get(), m_packet.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
            return;
        if (rc < 0)
            fail("cannot encode a frame", rc);
        if (m_packet->duration == 0)
            m_packet->duration = 1;
        av_packet_rescale_ts(m_packet.get(), m_codec->time_base, m_stream->time_base);
        m_packet->stream_index = m_stream->index;
        const int wr = av_interleaved_write_frame(m_format.get(), m_packet.get());
        if (wr < 0)
            fail("cannot write a frame", wr);
    }
}

void Encoder::finish() {
    int rc = avcodec_send_frame(m_codec.get(), nullptr);
    if (rc < 0)
        fail("cannot finish the encoding", rc);
    drain();
    if ((rc = av_write_trailer(m_format.get())) < 0)
        fail("cannot finish the file", rc);
    if ((rc = avio_closep(&m_format->pb)) < 0)
        fail("cannot close the file", rc);
}

/// The temporary file beside the destination; removed unless kept.
class TempFile {
public:
    explicit TempFile(std::filesystem::path output) : m_output(std::move(output)) {
        m_path = m_output;
        m_path += ".part";
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile() {
        if (!m_kept) {
            std::error_code ec;
            std::filesystem::remove(m_path, ec);
        }
    }
    const std::filesystem::path& path() const noexcept { return m_path; }
    void keep() {
        std::error_code ec;
        std::filesystem::rename(m_path, m_output, ec);
        if (ec)
            throw InputError(m_output.string(), "cannot replace the file: " + ec.message());
        m_kept = true;
    }

private:
    std::filesystem::path m_output, m_path;
    bool m_kept = false;
};

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double>(to - from).count();
}

} // namespace

void check_encode_settings(const EncodeSettings& s) {
    const int w = s.size.width(), h = s.size.height();
    if (w < 1 || h < 1 || w > 8192 || h > 8192) {
        throw InputError("size", std::to_string(w) + "x" + std::to_string(h) +
                                     " is not between 1 and 8192 pixels a side");
    }
    if (s.format != AnimationFormat::gif && (w % 2 != 0 || h % 2 != 0)) {
        throw InputError("size", std::to_string(w) + "x" + std::to_string(h) +
                                     ": MP4 and WebM need an even width and height");
    }
    if (s.fps < 1 || s.fps > 60)
        throw InputError("fps", std::to_string(s.fps) + " is not between 1 and 60");
}

EncodeResult write_animation(const std::filesystem::path& output, const EncodeSettings& settings,
                             std::size_t frame_count,
                             const std::function<QImage(std::size_t)>& draw,
                             const std::function<void(std::size_t)>& progress) {
    check_encode_settings(settings);
    if (frame_count == 0)
        throw InputError("date range", "no frame to draw");
    av_log_set_level(AV_LOG_ERROR);
    TempFile temp(output);
    EncodeResult result;
    {
        Encoder encoder(temp.path(), output.string(), settings);
        result.codec = encoder.codec_name();
        if (!encoder.note().empty())
            result.notes.push_back(encoder.note());
        std::optional<std::array<std::uint32_t, 256>> palette;
        if (settings.format == AnimationFormat::gif) {
            // one palette for the whole animation, from frames spread over it
            std::vector<QImage> samples;
            const std::size_t n = std::min<std::size_t>(8, frame_count);
            const auto t0 = Clock::now();
            for (std::size_t k = 0; k < n; ++k)
                samples.push_back(draw(n == 1 ? 0 : k * (frame_count - 1) / (n - 1)));
            const auto t1 = Clock::now();
            palette = build_palette(samples);
            result.draw_seconds += seconds(t0, t1);
            result.encode_seconds += seconds(t1, Clock::now());
        }
        for (std::size_t i = 0; i < frame_count; ++i) {
            const auto t0 = Clock::now();
            const QImage frame = draw(i);
            const auto t1 = Clock::now();
            encoder.add(frame, palette ? &*palette : nullptr);
            result.draw_seconds += seconds(t0, t1);
            result.encode_seconds += seconds(t1, Clock::now());
            if (progress)
                progress(i + 1);
        }
        const auto t0 = Clock::now();
        encoder.finish();
        result.encode_seconds += seconds(t0, Clock::now());
        result.frames = frame_count;
    }
    temp.keep();
    return result;
}

namespace {

av::InputFormat open_input(const std::filesystem::path& file, int& stream) {
    AVFormatContext* fc = nullptr;
    int rc = avformat_open_input(&fc, file.c_str(), nullptr, nullptr);
    if (rc < 0)
        throw InputError(file.string(), "cannot open: " + av::error_text(rc));
    av::InputFormat input(fc);
    if ((rc = avformat_find_stream_info(fc, nullptr)) < 0)
        throw InputError(file.string(), "cannot read the streams: " + av::error_text(rc));
    stream = av_find_best_stream(fc, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (stream < 0)
        throw InputError(file.string(), "no video stream");
    return input;
}

} // namespace

AnimationInfo probe_animation(const std::filesystem::path& file) {
    int index = -1;
    const av::InputFormat input = open_input(file, index);
    const AVStream* stream = input->streams[index];
    AnimationInfo info;
    info.codec = avcodec_get_name(stream->codecpar->codec_id);
    info.width = stream->codecpar->width;
    info.height = stream->codecpar->height;
    if (input->duration > 0)
        info.seconds = static_cast<double>(input->duration) / AV_TIME_BASE;
    av::Packet packet(av_packet_alloc());
    while (av_read_frame(input.get(), packet.get()) >= 0) {
        if (packet->stream_index == index)
            ++info.frames;
        av_packet_unref(packet.get());
    }
    return info;
}

QImage decode_animation_frame(const std::filesystem::path& file, std::int64_t wanted) {
    int index = -1;
    const av::InputFormat input = open_input(file, index);
    const AVCodecParameters* par = input->streams[index]->codecpar;
    const AVCodec* decoder = avcodec_find_decoder(par->codec_id);
    if (decoder == nullptr)
        throw InputError(file.string(), "no decoder for its codec");
    av::CodecContext c(avcodec_alloc_context3(decoder));
    avcodec_parameters_to_context(c.get(), par);
    if (avcodec_open2(c.get(), decoder, nullptr) < 0)
        throw InputError(file.string(), "cannot open the decoder");
    av::Packet packet(av_packet_alloc());
    av::Frame frame(av_frame_alloc());
    std::int64_t seen = 0;
    const auto take = [&]() -> std::optional<QImage> {
        while (avcodec_receive_frame(c.get(), frame.get()) >= 0) {
            if (seen++ != wanted)
                continue;
            QImage image(frame->width, frame->height, QImage::Format_RGB32);
            av::Scaler scaler(sws_getContext(frame->width, frame->height,
                                             static_cast<AVPixelFormat>(frame->format),
                                             frame->width, frame->height, AV_PIX_FMT_RGB32,
                                             SWS_POINT, nullptr, nullptr, nullptr));
            std::uint8_t* dst[1] = {image.bits()};
            const int stride[1] = {static_cast<int>(image.bytesPerLine())};
            sws_scale(scaler.get(), frame->data, frame->linesize, 0, frame->height, dst, stride);
            return image;
        }
        return std::nullopt;
    };
    while (av_read_frame(input.get(), packet.get()) >= 0) {
        if (packet->stream_index == index)
            avcodec_send_packet(c.get(), packet.get());
        av_packet_unref(packet.get());
        if (auto image = take())
            return *image;
    }
    avcodec_send_packet(c.get(), nullptr);
    if (auto image = take())
        return *image;
    throw InputError(file.string(), "has no frame " + std::to_string(wanted));
}

} // namespace kharita::render
