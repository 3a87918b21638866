#pragma once
// RAII over PROJ handles: one PJ_CONTEXT per Transformer (PROJ contexts are per thread),
// PJ* destroyed with proj_destroy. The one place in Kharita that calls PROJ directly.

#include <proj.h>

#include <cstddef>
#include <memory>
#include <string>

namespace kharita::detail {

struct ProjContextDeleter {
    void operator()(PJ_CONTEXT* c) const noexcept { proj_context_destroy(c); }
};
struct ProjDeleter {
    void operator()(PJ* p) const noexcept { proj_destroy(p); }
};
using ProjContextPtr = std::unique_ptr<PJ_CONTEXT, ProjContextDeleter>;
using ProjPtr = std::unique_ptr<PJ, ProjDeleter>;

/// A CRS-to-CRS transformation in visualisation order (lon, lat / x, y).
/// Move-only; use from one thread at a time.
class ProjTransform {
public:
    /// Throws ProjError when either CRS is unknown.
    ProjTransform(const std::string& source_crs, const std::string& target_crs);
    /// Returns HUGE_VAL coordinates for points PROJ cannot transform.
    PJ_COORD forward(double x, double y) const;
    PJ_COORD inverse(double x, double y) const;
    /// Transforms `count` points in place (x and y arrays with the given strides in bytes).
    void forward_many(double* x, std::size_t x_stride, double* y, std::size_t y_stride,
                      std::size_t count) const;

private:
    ProjContextPtr m_ctx;
    ProjPtr m_pj;
};

} // namespace kharita::detail
