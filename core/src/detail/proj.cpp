#include "detail/proj.hpp"

#include "kharita/base/error.hpp"

namespace kharita::detail {

ProjTransform::ProjTransform(const std::string& source_crs, const std::string& target_crs)
    : m_ctx(proj_context_create()) {
    ProjPtr raw(
        proj_create_crs_to_crs(m_ctx.get(), source_crs.c_str(), target_crs.c_str(), nullptr));
    if (!raw) {
        const int err = proj_context_errno(m_ctx.get());
        throw ProjError(err, source_crs + " -> " + target_crs + ": " +
                                 proj_context_errno_string(m_ctx.get(), err));
    }
    m_pj.reset(proj_normalize_for_visualization(m_ctx.get(), raw.get()));
    if (!m_pj) {
        const int err = proj_context_errno(m_ctx.get());
        throw ProjError(err, std::string("normalising axis order: ") +
                                 proj_context_errno_string(m_ctx.get(), err));
    }
}

PJ_COORD ProjTransform::forward(double x, double y) const {
    return proj_trans(m_pj.get(), PJ_FWD, proj_coord(x, y, 0, 0));
}

PJ_COORD ProjTransform::inverse(double x, double y) const {
    return proj_trans(m_pj.get(), PJ_INV, proj_coord(x, y, 0, 0));
}

void ProjTransform::forward_many(double* x, std::size_t x_stride, double* y, std::size_t y_stride,
                                 std::size_t count) const {
    proj_trans_generic(m_pj.get(), PJ_FWD, x, x_stride, count, y, y_stride, count, nullptr, 0, 0,
                       nullptr, 0, 0);
}

} // namespace kharita::detail
