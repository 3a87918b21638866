#pragma once
// RAII over FFmpeg's C handles, one small type each; internal to the render layer, so that
// no public header includes FFmpeg.

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>
#include <libavutil/frame.h>
#include <libswscale/swscale.h>
}

#include <memory>
#include <string>

namespace kharita::render::av {

/// FFmpeg's text for an error code.
inline std::string error_text(int code) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    return text;
}

/// An output file being muxed: closes its file and frees the context.
struct OutputFormatDeleter {
    void operator()(AVFormatContext* c) const noexcept {
        if (c->pb != nullptr && (c->oformat->flags & AVFMT_NOFILE) == 0)
            avio_closep(&c->pb);
        avformat_free_context(c);
    }
};
using OutputFormat = std::unique_ptr<AVFormatContext, OutputFormatDeleter>;

/// A file opened for reading (demuxing).
struct InputFormatDeleter {
    void operator()(AVFormatContext* c) const noexcept { avformat_close_input(&c); }
};
using InputFormat = std::unique_ptr<AVFormatContext, InputFormatDeleter>;

struct CodecContextDeleter {
    void operator()(AVCodecContext* c) const noexcept { avcodec_free_context(&c); }
};
using CodecContext = std::unique_ptr<AVCodecContext, CodecContextDeleter>;

struct FrameDeleter {
    void operator()(AVFrame* f) const noexcept { av_frame_free(&f); }
};
using Frame = std::unique_ptr<AVFrame, FrameDeleter>;

struct PacketDeleter {
    void operator()(AVPacket* p) const noexcept { av_packet_free(&p); }
};
using Packet = std::unique_ptr<AVPacket, PacketDeleter>;

struct ScalerDeleter {
    void operator()(SwsContext* s) const noexcept { sws_freeContext(s); }
};
using Scaler = std::unique_ptr<SwsContext, ScalerDeleter>;

} // namespace kharita::render::av
