import CZ3

/// One Z3 context with reference-counted objects (`Z3_mk_context_rc`). Every Z3 object this
/// layer hands out holds a reference and releases it when it is freed, so nothing outlives
/// the context and nothing leaks; Z3 errors become `Z3Error`s instead of aborting.
///
/// Invariant: a context is used by one thread at a time (Z3 contexts are not thread-safe);
/// parallel proving makes one context per worker.
public final class Context {
    let raw: Z3_context

    public init() throws(Z3Error) {
        guard let config = Z3_mk_config() else { throw Z3Error("cannot create a configuration") }
        Z3_set_param_value(config, "model", "true")
        guard let context = Z3_mk_context_rc(config) else {
            Z3_del_config(config)
            throw Z3Error("cannot create a context")
        }
        Z3_del_config(config)
        raw = context
        // Errors are read back with `Z3_get_error_code` after each call, not handled by
        // Z3's default handler (which would end the process).
        Z3_set_error_handler(raw) { _, _ in }
    }

    deinit { Z3_del_context(raw) }

    /// Throws the pending Z3 error, if the last call failed.
    func check() throws(Z3Error) {
        let code = Z3_get_error_code(raw)
        guard code != Z3_OK else { return }
        let message = Z3_get_error_msg(raw, code).map { String(cString: $0) } ?? "error \(code.rawValue)"
        Z3_set_error(raw, Z3_OK)
        throw Z3Error(message)
    }

    func symbol(_ name: String) -> Z3_symbol { Z3_mk_string_symbol(raw, name) }

    func sort(_ sort: Sort) -> Z3_sort {
        switch sort {
        case .bool: Z3_mk_bool_sort(raw)
        case .int: Z3_mk_int_sort(raw)
        case .bitVector(let w): Z3_mk_bv_sort(raw, UInt32(w))
        }
    }

    /// Builds `tactic`, wrapped so that it gives up (unknown) after `milliseconds`.
    func build(_ tactic: Tactic, milliseconds: UInt32?) throws(Z3Error) -> Handle<Z3_tactic> {
        func make(_ t: Tactic) throws(Z3Error) -> Handle<Z3_tactic> {
            switch t {
            case .named(let name):
                let made = Z3_mk_tactic(raw, name)
                try check()
                return try Handle(made, in: self, retain: Z3_tactic_inc_ref, release: Z3_tactic_dec_ref)
            case .then(let ts):
                guard var result = try ts.first.map(make) else { return try make(.named("skip")) }
                for next in ts.dropFirst() {
                    let n = try make(next)
                    let combined = Z3_tactic_and_then(raw, result.raw, n.raw)
                    try check()
                    result = try Handle(combined, in: self, retain: Z3_tactic_inc_ref, release: Z3_tactic_dec_ref)
                }
                return result
            case .using(let inner, let parameters):
                let t = try make(inner)
                let params = try Handle(
                    Z3_mk_params(raw), in: self, retain: Z3_params_inc_ref, release: Z3_params_dec_ref)
                for (key, value) in parameters { Z3_params_set_bool(raw, params.raw, symbol(key), value) }
                let made = Z3_tactic_using_params(raw, t.raw, params.raw)
                try check()
                return try Handle(made, in: self, retain: Z3_tactic_inc_ref, release: Z3_tactic_dec_ref)
            }
        }
        let built = try make(tactic)
        guard let ms = milliseconds else { return built }
        let limited = Z3_tactic_try_for(raw, built.raw, ms)
        try check()
        return try Handle(limited, in: self, retain: Z3_tactic_inc_ref, release: Z3_tactic_dec_ref)
    }
}

/// A Z3 object with one reference held for as long as this handle lives.
final class Handle<Raw> {
    let raw: Raw
    private let context: Context
    private let release: (Z3_context?, Raw) -> Void

    init(
        _ raw: Raw?, in context: Context, retain: (Z3_context?, Raw) -> Void,
        release: @escaping (Z3_context?, Raw) -> Void
    ) throws(Z3Error) {
        try context.check()
        guard let raw else { throw Z3Error("Z3 returned no object") }
        self.raw = raw
        self.context = context
        self.release = release
        retain(context.raw, raw)
    }

    deinit { release(context.raw, raw) }
}
