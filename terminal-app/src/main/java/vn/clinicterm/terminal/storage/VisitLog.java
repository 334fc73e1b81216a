package vn.clinicterm.terminal.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import vn.clinicterm.card.AccessMethod;
import vn.clinicterm.sync.EligibilityQuery;
import vn.clinicterm.sync.OutboxPayloads;
import vn.clinicterm.terminal.storage.internal.AuditChain;
import vn.clinicterm.terminal.storage.internal.Database;
import vn.clinicterm.terminal.storage.internal.FieldCipher;
import vn.clinicterm.terminal.storage.internal.JsonText;
import vn.clinicterm.terminal.storage.internal.KeyRing;
import vn.clinicterm.terminal.storage.internal.SignedHeadFile;

/**
 * The clinic's visit log: one SQLite file holding visits, their sync outbox, staff accounts and a tamper-evident
 * audit log, with personal data encrypted under keys kept outside the database.
 *
 * <p>Contracts:
 * <ul>
 *   <li>A visit, its outbox entry and its audit entry are committed in one transaction, durably
 *       ({@code synchronous=FULL} in WAL): once {@link #recordVisit} returns {@link RecordOutcome.Recorded} the visit
 *       survives a crash or power cut.
 *   <li>At open, {@code PRAGMA quick_check} runs; a database that fails it (or cannot be opened) is opened read-only,
 *       {@link #health()} says why, and writes return {@link RecordOutcome.ReadOnly}: offer {@link #restoreFrom}.
 *   <li>Every audit entry is written in the transaction of the event it records; after each commit the chain head is
 *       written, signed, to {@code <database>.head} so that truncation is detected by {@link #verifyAudit()}.
 *   <li>Nothing this class logs, throws or writes to the audit log contains personal data.
 * </ul>
 * Thread-safe: writes are serialized; {@link #search} streams on a connection of its own (close the stream).
 */
public final class VisitLog implements AutoCloseable {

    static final String VISITS = "visits";
    static final String OUTBOX = "outbox";

    private final Path database;
    private final Clock clock;
    private final ZoneId zone;
    private final String terminalId;
    private final String facilityCode;
    private final Duration duplicateWindow;
    private final SecureRandom random;
    private final SignedHeadFile headFile;
    private final PasswordHashing passwordHashing;
    private final int lockoutThreshold;
    private final Duration lockoutPeriod;
    private volatile KeyRing keys;
    private final FieldCipher cipher;
    private Connection connection;
    private volatile Health health;
    private ChainHead pendingHead;

    private VisitLog(Builder b) {
        this.database = b.database.toAbsolutePath();
        this.clock = b.clock;
        this.zone = b.zone != null ? b.zone : b.clock.getZone();
        this.terminalId = b.terminalId;
        this.facilityCode = b.facilityCode;
        this.duplicateWindow = b.duplicateWindow;
        this.random = b.random;
        this.passwordHashing = b.passwordHashing;
        this.lockoutThreshold = b.lockoutThreshold;
        this.lockoutPeriod = b.lockoutPeriod;
        this.headFile = new SignedHeadFile(database.resolveSibling(database.getFileName() + ".head"));
        this.keys = KeyRing.openOrCreate(b.keyFile != null ? b.keyFile
                : database.resolveSibling("keys").resolve("visit-log.keys"), random);
        this.cipher = new FieldCipher(keys, random);
        openConnection();
        // load the JSON machinery of the outbox payloads now, not inside the first check-in at the counter
        OutboxPayloads.visit("0", Instant.EPOCH, facilityCode);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The name of the key file used when the builder is not given one: {@code keys/visit-log.keys}. */
    public static Path defaultKeyFile(Path keysDirectory) {
        return keysDirectory.resolve("visit-log.keys");
    }

    /**
     * A new database and its directory are readable by their owner only (POSIX systems): the fields are encrypted,
     * but who came to the clinic when is not everyone's business on a shared PC. SQLite gives its WAL and shared
     * memory files the database file's permissions. Existing files and directories are left as they are.
     */
    private static void createPrivately(Path database) throws IOException {
        Path dir = database.toAbsolutePath().getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        if (posix && !Files.exists(database)) {
            try {
                Files.createFile(database, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another process created it first: its permissions stand
            }
        }
    }

    private void openConnection() {
        try {
            createPrivately(database);
        } catch (IOException e) {
            throw new StorageException("cannot create the directory of " + database + ": " + e.getMessage(), e);
        }
        String problem;
        Connection c = null;
        try {
            c = Database.openWritable(database);
            String check = Database.quickCheck(c);
            if ("ok".equals(check)) {
                Database.configure(c);
                Database.migrate(c, clock);
                connection = c;
                health = new Health.Ok();
                return;
            }
            problem = "the visit database failed its integrity check (" + check + ")";
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage());
            problem = m.contains("CORRUPT") || m.contains("NOTADB")
                    ? "the visit database failed its integrity check (" + m + ")"
                    : "the visit database cannot be opened for writing (" + m + ")";
        } catch (StorageException e) {
            problem = e.getMessage();
        }
        closeQuietly(c);
        health = new Health.ReadOnly(problem + "; it is open read-only: restore it from a backup");
        try {
            connection = Database.openReadOnly(database);
        } catch (SQLException e) {
            connection = null;
        }
    }

    public Health health() {
        return health;
    }

    public Path database() {
        return database;
    }

    public String terminalId() {
        return terminalId;
    }

    /** The KCB facility code put in visit uploads (empty when the builder was not given one). */
    public String facilityCode() {
        return facilityCode;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The terminal's Ed25519 public key (signs exports and the audit head). */
    public PublicKey signingPublicKey() {
        return keys.verifyingKey();
    }

    // ---------------------------------------------------------------------------------------------- visits

    /**
     * Records a check-in with the current time of the clock. A FAILED verification without
     * {@link CheckIn#overrideByStaff()} is refused (and the refusal is audited); the same card within the duplicate
     * window returns the earlier visit.
     */
    public RecordOutcome recordVisit(CheckIn in) {
        Objects.requireNonNull(in, "in");
        if (health instanceof Health.ReadOnly(String reason)) {
            return new RecordOutcome.ReadOnly(reason);
        }
        Instant now = clock.instant();
        if (in.indication() == Indication.FAILED && !in.overrideByStaff()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("indication", in.indication().name());
            d.put("subIndication", in.subIndication());
            d.put("reasons", in.reasons());
            d.put("terminal", in.terminalId());
            d.put("recorded", false);
            write(c -> appendAudit(c, now, AuditType.VERIFICATION_FAILURE, in.staffUser(), d));
            return new RecordOutcome.RefusedUnverified(in.indication(), in.subIndication());
        }
        byte[] idHmac = cipher.idHmac(in.idNumber());
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM visits WHERE id_hmac = ? AND recorded_at > ?"
                    + " ORDER BY recorded_at DESC LIMIT 1")) {
                ps.setBytes(1, idHmac);
                ps.setLong(2, now.minus(duplicateWindow).toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new RecordOutcome.Duplicate(rs.getLong(1));
                    }
                }
            }
            long id = nextId(c, VISITS);
            Optional<Consent> consent = in.consent();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO visits(id, recorded_at, terminal_id, staff_user,"
                    + " id_hmac, id_number, full_name, date_of_birth, gender, residence, indication, sub_indication,"
                    + " reasons, access_method, clone_check, clone_confirmed, eligibility, override_by_staff,"
                    + " consent_purpose, consent_notice_version, consent_staff, consent_at)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                int i = 1;
                ps.setLong(i++, id);
                ps.setLong(i++, now.toEpochMilli());
                ps.setString(i++, in.terminalId());
                ps.setString(i++, in.staffUser());
                ps.setBytes(i++, idHmac);
                ps.setBytes(i++, cipher.encrypt(VISITS, "id_number", id, in.idNumber()));
                ps.setBytes(i++, cipher.encrypt(VISITS, "full_name", id, in.fullName()));
                ps.setBytes(i++, cipher.encrypt(VISITS, "date_of_birth", id,
                        in.dateOfBirth().map(LocalDate::toString).orElse(null)));
                ps.setBytes(i++, cipher.encrypt(VISITS, "gender", id, in.gender()));
                ps.setBytes(i++, cipher.encrypt(VISITS, "residence", id, in.residence()));
                ps.setString(i++, in.indication().name());
                ps.setString(i++, in.subIndication());
                ps.setString(i++, JsonText.write(in.reasons()));
                ps.setString(i++, in.accessMethod().name());
                ps.setString(i++, in.cloneCheck().name());
                ps.setInt(i++, in.cloneCheckConfirmed() ? 1 : 0);
                ps.setString(i++, in.eligibility().name());
                ps.setInt(i++, in.overrideByStaff() ? 1 : 0);
                ps.setString(i++, consent.map(Consent::purpose).orElse(null));
                ps.setString(i++, consent.map(Consent::noticeVersion).orElse(null));
                ps.setString(i++, consent.map(Consent::staff).orElse(null));
                if (consent.isPresent()) {
                    ps.setLong(i++, consent.get().time().toEpochMilli());
                } else {
                    ps.setNull(i++, java.sql.Types.INTEGER);
                }
                ps.executeUpdate();
            }
            insertOutbox(c, id, firstOutboxEntry(id, now, in), HexFormat.of().formatHex(idHmac), now);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("visitId", id);
            d.put("terminal", in.terminalId());
            d.put("indication", in.indication().name());
            d.put("subIndication", in.subIndication());
            d.put("overrideByStaff", in.overrideByStaff());
            d.put("access", in.accessMethod().name());
            d.put("cloneCheck", in.cloneCheck().name());
            d.put("cloneConfirmed", in.cloneCheckConfirmed());
            d.put("consentNotice", in.consent().map(Consent::noticeVersion).orElse(null));
            if (consent.isPresent()) {
                d.put("consentPurpose", consent.get().purpose());
                d.put("consentStaff", consent.get().staff());
                d.put("consentAt", consent.get().time().toString());
            }
            appendAudit(c, now, AuditType.VISIT, in.staffUser(), d);
            return new RecordOutcome.Recorded(id);
        });
    }

    /**
     * What a new visit queues for sync: the eligibility check when the counter has no answer yet (its payload holds the
     * ID number, name and date of birth the insurer needs, encrypted like every payload), otherwise the visit upload,
     * which carries no personal data. A visit has one unfinished entry at a time: the upload is queued when the check
     * finishes (see {@link VisitLogOutbox}).
     */
    private OutboxDraft firstOutboxEntry(long visitId, Instant now, CheckIn in) {
        if (in.eligibility() == Eligibility.PENDING && in.dateOfBirth().isPresent()) {
            try {
                EligibilityQuery q = EligibilityQuery.of(in.idNumber(), in.fullName(), in.dateOfBirth().get());
                return new OutboxDraft(vn.clinicterm.sync.OutboxEntry.Kind.ELIGIBILITY_CHECK,
                        OutboxPayloads.eligibilityCheck(q));
            } catch (IllegalArgumentException notAskable) {
                // an ID or name the insurer cannot be asked about: the visit stays PENDING for staff to resolve
            }
        }
        return visitUpload(visitId, now);
    }

    OutboxDraft visitUpload(long visitId, Instant recordedAt) {
        return new OutboxDraft(vn.clinicterm.sync.OutboxEntry.Kind.VISIT,
                OutboxPayloads.visit(Long.toString(visitId), recordedAt, facilityCode));
    }

    record OutboxDraft(vn.clinicterm.sync.OutboxEntry.Kind kind, String payload) {}

    /** In the caller's transaction. Returns the new entry's idempotency key (created here, once). */
    UUID insertOutbox(Connection c, long visitId, OutboxDraft draft, String patientKey, Instant now)
            throws SQLException {
        long outboxId = nextId(c, OUTBOX);
        UUID key = UUID.randomUUID();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox(id, visit_id, idempotency_key, kind,"
                + " patient_key, payload, state, created_at, updated_at) VALUES (?,?,?,?,?,?,'QUEUED',?,?)")) {
            ps.setLong(1, outboxId);
            ps.setLong(2, visitId);
            ps.setString(3, key.toString());
            ps.setString(4, draft.kind().name());
            ps.setString(5, patientKey);
            ps.setBytes(6, cipher.encrypt(OUTBOX, "payload", outboxId, draft.payload()));
            ps.setLong(7, now.toEpochMilli());
            ps.setLong(8, now.toEpochMilli());
            ps.executeUpdate();
        }
        return key;
    }

    String decryptOutboxPayload(long outboxId, byte[] ciphertext) {
        return cipher.decryptText(OUTBOX, "payload", outboxId, ciphertext);
    }

    /** Today's visits (in the log's time zone), newest first, with masked ID numbers. */
    public List<VisitSummary> today() {
        LocalDate day = LocalDate.now(clock.withZone(zone));
        List<VisitSummary> out = new ArrayList<>();
        read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, recorded_at, id_number, full_name, indication,"
                    + " override_by_staff, clone_check, clone_confirmed, eligibility FROM visits"
                    + " WHERE recorded_at >= ? AND recorded_at < ? ORDER BY recorded_at DESC, id DESC")) {
                ps.setLong(1, day.atStartOfDay(zone).toInstant().toEpochMilli());
                ps.setLong(2, day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        out.add(new VisitSummary(id, Instant.ofEpochMilli(rs.getLong(2)),
                                CheckIns.mask(cipher.decryptText(VISITS, "id_number", id, rs.getBytes(3))),
                                cipher.decryptText(VISITS, "full_name", id, rs.getBytes(4)),
                                Indication.valueOf(rs.getString(5)), rs.getInt(6) == 1,
                                CloneCheck.valueOf(rs.getString(7)), rs.getInt(8) == 1,
                                Eligibility.valueOf(rs.getString(9))));
                    }
                }
            }
            return null;
        });
        return out;
    }

    /**
     * The visits matching {@code query}, oldest first, decrypted one row at a time: memory stays flat however many
     * there are. The stream holds a database connection: close it (try-with-resources).
     */
    public Stream<VisitRecord> search(VisitQuery query) {
        StringBuilder sql = new StringBuilder("SELECT id, recorded_at, terminal_id, staff_user, id_number, full_name,"
                + " date_of_birth, gender, residence, indication, sub_indication, reasons, access_method, clone_check,"
                + " clone_confirmed, eligibility, override_by_staff, consent_purpose, consent_notice_version,"
                + " consent_staff, consent_at FROM visits WHERE recorded_at >= ? AND recorded_at < ?");
        query.indication().ifPresent(i -> sql.append(" AND indication = ?"));
        query.eligibility().ifPresent(e -> sql.append(" AND eligibility = ?"));
        sql.append(" ORDER BY recorded_at, id");
        Connection c;
        PreparedStatement ps;
        ResultSet rs;
        try {
            c = Database.openReadOnly(database);
        } catch (SQLException e) {
            throw new StorageException("cannot open the visit database for reading: " + e.getMessage(), e);
        }
        try {
            ps = c.prepareStatement(sql.toString());
            int i = 1;
            ps.setLong(i++, query.from().atStartOfDay(zone).toInstant().toEpochMilli());
            ps.setLong(i++, query.to().plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli());
            if (query.indication().isPresent()) {
                ps.setString(i++, query.indication().get().name());
            }
            if (query.eligibility().isPresent()) {
                ps.setString(i++, query.eligibility().get().name());
            }
            ps.setFetchSize(512);
            rs = ps.executeQuery();
        } catch (SQLException e) {
            closeQuietly(c);
            throw new StorageException("cannot search the visit log: " + e.getMessage(), e);
        }
        Spliterator<VisitRecord> rows = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super VisitRecord> action) {
                try {
                    if (!rs.next()) {
                        return false;
                    }
                    action.accept(decode(rs));
                    return true;
                } catch (SQLException e) {
                    throw new StorageException("reading the visit log failed: " + e.getMessage(), e);
                }
            }
        };
        return StreamSupport.stream(rows, false).onClose(() -> {
            closeQuietly(rs);
            closeQuietly(ps);
            closeQuietly(c);
        });
    }

    private VisitRecord decode(ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        String dob = cipher.decryptText(VISITS, "date_of_birth", id, rs.getBytes(7));
        String purpose = rs.getString(18);
        Optional<Consent> consent = purpose == null ? Optional.empty()
                : Optional.of(new Consent(purpose, rs.getString(19), rs.getString(20),
                        Instant.ofEpochMilli(rs.getLong(21))));
        String reasonsJson = rs.getString(12);
        List<String> reasons = new ArrayList<>();
        if (!"[]".equals(reasonsJson)) {
            Object parsed = JsonText.parseObject("{\"r\":" + reasonsJson + "}").get("r");
            if (parsed instanceof List<?> list) {
                list.forEach(r -> reasons.add(String.valueOf(r)));
            }
        }
        return new VisitRecord(id, Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
                cipher.decryptText(VISITS, "id_number", id, rs.getBytes(5)),
                cipher.decryptText(VISITS, "full_name", id, rs.getBytes(6)),
                dob == null ? Optional.empty() : Optional.of(LocalDate.parse(dob)),
                cipher.decryptText(VISITS, "gender", id, rs.getBytes(8)),
                cipher.decryptText(VISITS, "residence", id, rs.getBytes(9)),
                Indication.valueOf(rs.getString(10)), rs.getString(11), List.copyOf(reasons),
                AccessMethod.valueOf(rs.getString(13)), CloneCheck.valueOf(rs.getString(14)), rs.getInt(15) == 1,
                Eligibility.valueOf(rs.getString(16)), rs.getInt(17) == 1, consent);
    }

    /**
     * Sets a visit's eligibility (the sync worker calls this when the central service answers).
     *
     * @param details the service's answer; may hold personal data, so it is stored encrypted
     * @return false when there is no such visit (purged meanwhile)
     */
    public boolean updateEligibility(long visitId, Eligibility status, String details) {
        requireWritable();
        Instant now = clock.instant();
        return write(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE visits SET eligibility = ?, eligibility_details = ?, eligibility_at = ? WHERE id = ?")) {
                ps.setString(1, status.name());
                ps.setBytes(2, cipher.encrypt(VISITS, "eligibility_details", visitId, details));
                ps.setLong(3, now.toEpochMilli());
                ps.setLong(4, visitId);
                n = ps.executeUpdate();
            }
            if (n == 1) {
                appendAudit(c, now, AuditType.ELIGIBILITY_UPDATE, "sync",
                        Map.of("visitId", visitId, "status", status.name()));
            }
            return n == 1;
        });
    }

    // ---------------------------------------------------------------------------------------------- issue 9

    private static final String RECORD_COLUMNS = "id, recorded_at, terminal_id, staff_user, id_number, full_name,"
            + " date_of_birth, gender, residence, indication, sub_indication, reasons, access_method, clone_check,"
            + " clone_confirmed, eligibility, override_by_staff, consent_purpose, consent_notice_version,"
            + " consent_staff, consent_at";

    /** One visit, decrypted; empty when there is no such visit (never recorded, or purged). */
    public Optional<VisitRecord> visit(long visitId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + RECORD_COLUMNS + " FROM visits WHERE id = ?")) {
                ps.setLong(1, visitId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(decode(rs)) : Optional.<VisitRecord>empty();
                }
            }
        });
    }

    /** The newest visit, if any (what the hand-off API calls the "current patient"). */
    public Optional<VisitRecord> latestVisit() {
        Optional<Long> id = read(c -> {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT id FROM visits ORDER BY recorded_at DESC, id DESC LIMIT 1")) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
            }
        });
        return id.flatMap(this::visit);
    }

    /** The insurer's answer stored with the visit by {@link #updateEligibility} (JSON), if any. */
    public Optional<String> eligibilityDetails(long visitId) {
        return encryptedColumn(visitId, "eligibility_details");
    }

    /** What the hospital system supplied for the visit (JSON), if any. */
    public Optional<String> hisData(long visitId) {
        return encryptedColumn(visitId, "his_data");
    }

    private Optional<String> encryptedColumn(long visitId, String column) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM visits WHERE id = ?")) {
                ps.setLong(1, visitId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getBytes(1) == null) {
                        return Optional.<String>empty();
                    }
                    return Optional.ofNullable(cipher.decryptText(VISITS, column, visitId, rs.getBytes(1)));
                }
            }
        });
    }

    /**
     * Stores (encrypted, replacing any earlier one) what the hospital system supplied for a visit.
     *
     * @return false when there is no such visit
     */
    public boolean saveHisData(long visitId, String json) {
        requireWritable();
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE visits SET his_data = ? WHERE id = ?")) {
                ps.setBytes(1, cipher.encrypt(VISITS, "his_data", visitId, json));
                ps.setLong(2, visitId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** The state of the visit's check-in record; empty when there is no such visit. */
    public Optional<CheckInStatus> checkInStatus(long visitId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT checkin_state, checkin_code, checkin_received,"
                    + " checkin_error FROM visits WHERE id = ?")) {
                ps.setLong(1, visitId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<CheckInStatus>empty();
                    }
                    String state = rs.getString(1);
                    return Optional.of(new CheckInStatus(
                            state == null ? CheckInStatus.State.NONE : CheckInStatus.State.valueOf(state),
                            Optional.ofNullable(rs.getString(2)), Optional.ofNullable(rs.getString(3)),
                            Optional.ofNullable(rs.getString(4))));
                }
            }
        });
    }

    /**
     * A patient withdrew consent: deletes every visit of this ID number (found by its HMAC; with their outbox entries)
     * overwriting them ({@code secure_delete}) and truncating the WAL, and records the fact in the audit chain with the
     * count and visit ids only — the ID number itself is neither stored nor logged. An admin action.
     */
    public WithdrawalResult withdrawConsent(String idNumber, String actor) {
        Objects.requireNonNull(idNumber, "idNumber");
        requireWritable();
        Instant now = clock.instant();
        byte[] idHmac = cipher.idHmac(idNumber);
        List<Long> ids = write(c -> {
            List<Long> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM visits WHERE id_hmac = ? ORDER BY id")) {
                ps.setBytes(1, idHmac);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getLong(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM visits WHERE id_hmac = ?")) {
                ps.setBytes(1, idHmac);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE patient_key = ?")) {
                ps.setString(1, HexFormat.of().formatHex(idHmac));
                ps.executeUpdate();
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("visitsDeleted", found.size());
            d.put("visitIds", found);
            appendAudit(c, now, AuditType.CONSENT_WITHDRAWN, actor, d);
            return found;
        });
        checkpointTruncate();
        return new WithdrawalResult(now, ids);
    }

    /**
     * Stores the patient's consent with a visit recorded without one, and in the audit chain. False when there is no
     * such visit or it already has a consent (a consent is never overwritten).
     */
    public boolean attachConsent(long visitId, Consent consent) {
        Objects.requireNonNull(consent, "consent");
        requireWritable();
        Instant now = clock.instant();
        return write(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE visits SET consent_purpose = ?,"
                    + " consent_notice_version = ?, consent_staff = ?, consent_at = ?"
                    + " WHERE id = ? AND consent_purpose IS NULL")) {
                ps.setString(1, consent.purpose());
                ps.setString(2, consent.noticeVersion());
                ps.setString(3, consent.staff());
                ps.setLong(4, consent.time().toEpochMilli());
                ps.setLong(5, visitId);
                n = ps.executeUpdate();
            }
            if (n == 1) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("visitId", visitId);
                d.put("consentPurpose", consent.purpose());
                d.put("consentNotice", consent.noticeVersion());
                d.put("consentStaff", consent.staff());
                d.put("consentAt", consent.time().toString());
                appendAudit(c, now, AuditType.CONSENT_RECORDED, consent.staff(), d);
            }
            return n == 1;
        });
    }

    /** The hand-off API's client tokens, stored (hashed) in this database. */
    public HandoffTokens handoffTokens() {
        return new HandoffTokens(this, random);
    }

    // ---------------------------------------------------------------------------------------------- outbox

    /** Up to {@code limit} entries due for sending (queued, or failed and due for retry), oldest first. */
    public List<OutboxEntry> nextOutbox(int limit) {
        long now = clock.millis();
        return read(c -> {
            List<OutboxEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, visit_id, idempotency_key, payload, state,"
                    + " attempts, created_at, last_error FROM outbox WHERE state IN ('QUEUED', 'FAILED')"
                    + " AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ?")) {
                ps.setLong(1, now);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        out.add(new OutboxEntry(id, rs.getLong(2), UUID.fromString(rs.getString(3)),
                                cipher.decryptText(OUTBOX, "payload", id, rs.getBytes(4)),
                                OutboxEntry.State.valueOf(rs.getString(5)), rs.getInt(6),
                                Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8)));
                    }
                }
            }
            return out;
        });
    }

    /** How many outbox entries are in each state. */
    public Map<OutboxEntry.State, Long> outboxCounts() {
        return read(c -> {
            Map<OutboxEntry.State, Long> counts = new EnumMap<>(OutboxEntry.State.class);
            for (OutboxEntry.State s : OutboxEntry.State.values()) {
                counts.put(s, 0L);
            }
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT state, count(*) FROM outbox GROUP BY state")) {
                while (rs.next()) {
                    counts.put(OutboxEntry.State.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
            return counts;
        });
    }

    public void markSent(long outboxId) {
        updateOutbox(outboxId, "SENT", null, null, false);
    }

    /** @param error for IT, without personal data; {@code retryAt} is when {@link #nextOutbox} offers it again */
    public void markFailed(long outboxId, String error, Instant retryAt) {
        updateOutbox(outboxId, "FAILED", error, retryAt, true);
    }

    public void markDeadLetter(long outboxId, String error) {
        updateOutbox(outboxId, "DEAD_LETTER", error, null, true);
    }

    private void updateOutbox(long id, String state, String error, Instant retryAt, boolean attempt) {
        requireWritable();
        long now = clock.millis();
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET state = ?, last_error = ?,"
                    + " next_attempt_at = ?, updated_at = ?, attempts = attempts + ? WHERE id = ?")) {
                ps.setString(1, state);
                ps.setString(2, error);
                if (retryAt == null) {
                    ps.setNull(3, java.sql.Types.INTEGER);
                } else {
                    ps.setLong(3, retryAt.toEpochMilli());
                }
                ps.setLong(4, now);
                ps.setInt(5, attempt ? 1 : 0);
                ps.setLong(6, id);
                if (ps.executeUpdate() != 1) {
                    throw new StorageException("there is no outbox entry " + id);
                }
            }
            return null;
        });
    }

    // ---------------------------------------------------------------------------------------------- audit

    /**
     * Appends an event that happened outside the visit log (a trust-store update, a settings change) to the audit
     * chain. {@code details} must not contain personal data.
     */
    public ChainHead recordEvent(AuditType type, String actor, Map<String, ?> details) {
        requireWritable();
        Instant now = clock.instant();
        write(c -> appendAudit(c, now, type, actor, details));
        return chainHead();
    }

    /** The newest audit entry's seq and hash. */
    public ChainHead chainHead() {
        return read(AuditChain::head);
    }

    /** Checks the whole audit chain and its signed head; names the first broken entry. */
    public AuditVerification verifyAudit() {
        SignedHeadFile.Reading anchor = headFile.read(keys);
        return read(c -> AuditChain.verify(c, anchor.head(), anchor.problem()));
    }

    /** Every audit entry in order, for auditors (streams; close it). */
    public List<AuditEntry> auditEntries(long fromSeq, int limit) {
        return read(c -> {
            List<AuditEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, at, type, actor, details, prev_hash, hash"
                    + " FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?")) {
                ps.setLong(1, fromSeq);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    java.util.HexFormat hex = java.util.HexFormat.of();
                    while (rs.next()) {
                        out.add(new AuditEntry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)),
                                AuditType.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                                hex.formatHex(rs.getBytes(6)), hex.formatHex(rs.getBytes(7))));
                    }
                }
            }
            return out;
        });
    }

    /** In the caller's transaction; the head file is written once the transaction commits. */
    Void appendAudit(Connection c, Instant time, AuditType type, String actor, Map<String, ?> details)
            throws SQLException {
        pendingHead = AuditChain.append(c, time, type, actor, JsonText.write(details));
        return null;
    }

    // ---------------------------------------------------------------------------------------------- keys

    /** A new data-encryption key for new rows; old keys stay in the key file for reading. Audited. */
    public int rotateKeys(String actor) {
        requireWritable();
        synchronized (this) {
            keys = keys.rotate(random);
            cipher.use(keys);
        }
        int id = keys.currentKeyId();
        Instant now = clock.instant();
        write(c -> appendAudit(c, now, AuditType.KEY_ROTATION, actor, Map.of("newDataKeyId", id)));
        return id;
    }

    // ---------------------------------------------------------------------------------------------- retention

    /**
     * Deletes visits (and their outbox entries) recorded more than {@code age} ago, overwriting them
     * ({@code secure_delete}) and truncating the WAL so no copy remains in either file. Audited with the count.
     */
    public PurgeResult purgeOlderThan(Duration age, String actor) {
        requireWritable();
        Instant now = clock.instant();
        Instant cutoff = now.minus(age);
        int deleted = write(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM visits WHERE recorded_at < ?")) {
                ps.setLong(1, cutoff.toEpochMilli());
                n = ps.executeUpdate();
            }
            appendAudit(c, now, AuditType.PURGE, actor, Map.of("cutoff", cutoff.toString(), "visitsDeleted", n));
            return n;
        });
        checkpointTruncate();
        return new PurgeResult(cutoff, deleted);
    }

    private synchronized void checkpointTruncate() {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            if (rs.next() && rs.getInt(1) != 0) {
                throw new StorageException("the WAL could not be truncated (a reader is still open); purged rows may"
                        + " remain in the -wal file until the next checkpoint");
            }
        } catch (SQLException e) {
            throw new StorageException("WAL checkpoint failed: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------- backup

    /**
     * Writes a consistent copy of the database with {@code VACUUM INTO} (the target must not exist), then opens it to
     * check it. The copy is encrypted like the original: it is useless without the key file, so back that up too
     * (separately).
     */
    public BackupResult backup(Path target, String actor) {
        Path file = target.toAbsolutePath();
        if (Files.exists(file)) {
            throw new StorageException("the backup target " + file + " already exists");
        }
        if (health instanceof Health.Ok) {
            Instant now = clock.instant();
            write(c -> appendAudit(c, now, AuditType.BACKUP, actor, Map.of("file", file.getFileName().toString())));
        }
        synchronized (this) {
            requireConnection();
            try (PreparedStatement ps = connection.prepareStatement("VACUUM INTO ?")) {
                ps.setString(1, file.toString());
                ps.execute();
            } catch (SQLException e) {
                throw new StorageException("the backup to " + file + " failed: " + e.getMessage(), e);
            }
        }
        try (Connection b = Database.openReadOnly(file)) {
            String check = Database.quickCheck(b);
            if (!"ok".equals(check)) {
                throw new StorageException("the backup " + file + " fails its integrity check: " + check);
            }
            long visits;
            try (Statement st = b.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM visits")) {
                visits = rs.next() ? rs.getLong(1) : 0;
            }
            return new BackupResult(file, visits, AuditChain.head(b));
        } catch (SQLException e) {
            throw new StorageException("the backup " + file + " cannot be read back: " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the database with a backup (an admin action). The backup is checked first; the previous chain head
     * and the backup's are recorded in a RESTORE audit entry, so that the entries lost since the backup are an
     * explained gap, not a silent truncation.
     */
    public synchronized Health restoreFrom(Path backup, String actor) {
        Path source = backup.toAbsolutePath();
        ChainHead backupHead;
        try (Connection b = Database.openReadOnly(source)) {
            String check = Database.quickCheck(b);
            if (!"ok".equals(check)) {
                throw new StorageException("the backup " + source + " fails its integrity check: " + check);
            }
            if (Database.schemaVersion(b) < 1) {
                throw new StorageException(source + " is not a ClinicTerm visit database");
            }
            backupHead = AuditChain.head(b);
        } catch (SQLException e) {
            throw new StorageException("the backup " + source + " cannot be read: " + e.getMessage(), e);
        }
        Optional<ChainHead> previous = headFile.read(keys).head();
        closeQuietly(connection);
        connection = null;
        try {
            Path temp = database.resolveSibling(database.getFileName() + ".restore.tmp");
            Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.deleteIfExists(database.resolveSibling(database.getFileName() + "-wal"));
            Files.deleteIfExists(database.resolveSibling(database.getFileName() + "-shm"));
            try {
                Files.move(temp, database, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, database, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new StorageException("cannot restore " + database + " from " + source + ": " + e.getMessage(), e);
        }
        openConnection();
        if (health instanceof Health.Ok) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("file", source.getFileName().toString());
            d.put("backupHead", Map.of("seq", backupHead.seq(), "hash", backupHead.hash()));
            d.put("previousHead", previous.map(h -> Map.of("seq", h.seq(), "hash", h.hash())).orElse(null));
            Instant now = clock.instant();
            write(c -> appendAudit(c, now, AuditType.RESTORE, actor, d));
        }
        return health;
    }

    // ---------------------------------------------------------------------------------------------- accounts

    /** Staff accounts, stored in this database; logins are audited here. */
    public Accounts accounts() {
        return new Accounts(this, clock, random, passwordHashing, lockoutThreshold, lockoutPeriod);
    }

    // ---------------------------------------------------------------------------------------------- plumbing

    /** For tests: a pragma as the log's own connection sees it. */
    String pragma(String name) {
        return read(c -> Database.pragma(c, name));
    }

    Instant clockInstant() {
        return clock.instant();
    }

    byte[] sign(byte[] data) {
        try {
            java.security.Signature s = java.security.Signature.getInstance("Ed25519");
            s.initSign(keys.signingKey());
            s.update(data);
            return s.sign();
        } catch (java.security.GeneralSecurityException e) {
            throw new StorageException("Ed25519 signing failed", e);
        }
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one IMMEDIATE transaction; writes the signed head after the commit. */
    synchronized <T> T write(Work<T> work) {
        requireWritable();
        pendingHead = null;
        try (Statement st = connection.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            T result;
            try {
                result = work.run(connection);
                st.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                try {
                    st.execute("ROLLBACK");
                } catch (SQLException ignored) {
                    // the original failure is what matters
                }
                pendingHead = null;
                throw e;
            }
            if (pendingHead != null) {
                headFile.write(pendingHead, keys);
                pendingHead = null;
            }
            return result;
        } catch (SQLException e) {
            throw new StorageException("writing to the visit database failed: " + e.getMessage(), e);
        }
    }

    synchronized <T> T read(Work<T> work) {
        requireConnection();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StorageException("reading the visit database failed: " + e.getMessage(), e);
        }
    }

    private void requireConnection() {
        if (connection == null) {
            throw new StorageException(health instanceof Health.ReadOnly(String reason) ? reason
                    : "the visit log is closed");
        }
    }

    private void requireWritable() {
        requireConnection();
        if (health instanceof Health.ReadOnly(String reason)) {
            throw new StorageException(reason);
        }
    }

    static long nextId(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM sqlite_sequence WHERE name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) + 1 : 1;
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing is best effort
            }
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly(connection);
        connection = null;
    }

    @Override
    public String toString() {
        return "VisitLog[" + database + ", " + health + "]";
    }

    /** Configures a {@link VisitLog}; only {@link #database(Path)} is required. */
    public static final class Builder {
        private Path database;
        private Path keyFile;
        private Clock clock = Clock.systemDefaultZone();
        private ZoneId zone;
        private String terminalId = "terminal";
        private String facilityCode = "";
        private Duration duplicateWindow = Duration.ofSeconds(5);
        private SecureRandom random = new SecureRandom();
        private PasswordHashing passwordHashing = PasswordHashing.STANDARD;
        private int lockoutThreshold = 5;
        private Duration lockoutPeriod = Duration.ofMinutes(15);

        private Builder() {}

        public Builder database(Path v) { database = v; return this; }

        /** The key file (default: {@code keys/visit-log.keys} beside the database); created when missing. */
        public Builder keyFile(Path v) { keyFile = v; return this; }

        public Builder clock(Clock v) { clock = Objects.requireNonNull(v); return this; }

        /** The zone that days ("today", export date ranges) are counted in; default the clock's. */
        public Builder zone(ZoneId v) { zone = v; return this; }

        public Builder terminalId(String v) { terminalId = Objects.requireNonNull(v); return this; }

        /** The clinic's KCB facility code ({@code sync.facilityCode}), written into visit uploads. */
        public Builder facilityCode(String v) { facilityCode = Objects.requireNonNull(v); return this; }

        /** The same card within this window of its last visit is a duplicate (default 5 s). */
        public Builder duplicateWindow(Duration v) { duplicateWindow = Objects.requireNonNull(v); return this; }

        public Builder random(SecureRandom v) { random = Objects.requireNonNull(v); return this; }

        public Builder passwordHashing(PasswordHashing v) { passwordHashing = Objects.requireNonNull(v); return this; }

        /** After {@code failures} consecutive failed logins an account is locked for {@code period}. */
        public Builder lockout(int failures, Duration period) {
            lockoutThreshold = failures;
            lockoutPeriod = period;
            return this;
        }

        /** Opens (creating when missing) the database; check {@link VisitLog#health()} afterwards. */
        public VisitLog open() {
            Objects.requireNonNull(database, "database");
            return new VisitLog(this);
        }
    }
}
