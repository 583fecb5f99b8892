import BeizhuCore

/// Receives records as an importer streams them. It throws only `ImportError.aborted`, when the
/// destination fails (workspace locked, disk full): the import then stops as a whole.
public typealias ImportSink = (ImportRecord) throws(ImportError) -> Void
