package vn.clinicterm.card;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import net.sf.scuba.smartcards.APDUEvent;
import net.sf.scuba.smartcards.APDUListener;
import net.sf.scuba.smartcards.CardServiceException;
import net.sf.scuba.smartcards.TerminalCardService;
import org.jmrtd.BACKey;
import org.jmrtd.PACEKeySpec;
import org.jmrtd.lds.CardAccessFile;
import org.jmrtd.lds.ChipAuthenticationInfo;
import org.jmrtd.lds.ChipAuthenticationPublicKeyInfo;
import org.jmrtd.lds.PACEInfo;
import org.jmrtd.lds.SecurityInfo;
import org.jmrtd.lds.icao.DG14File;
import org.jmrtd.protocol.AAAPDUSender;
import org.jmrtd.protocol.AAProtocol;
import org.jmrtd.protocol.AAResult;
import org.jmrtd.protocol.BACAPDUSender;
import org.jmrtd.protocol.BACProtocol;
import org.jmrtd.protocol.EACCAAPDUSender;
import org.jmrtd.protocol.EACCAProtocol;
import org.jmrtd.protocol.EACCAResult;
import org.jmrtd.protocol.PACEAPDUSender;
import org.jmrtd.protocol.PACEProtocol;
import org.jmrtd.protocol.PACEResult;
import vn.clinicterm.card.internal.ApduChannel;
import vn.clinicterm.card.internal.PcscContext;

/**
 * Reads a CCCD (or any ICAO 9303 chip) in the reception order: access (PACE when EF.CardAccess offers it, else BAC),
 * identity first (DG13, DG1 — reported at once), then the face (DG2), the security data (DG14, DG15, SOD), then Chip
 * Authentication (or Active Authentication) and EF.COM under the new keys, which confirms the chip is no clone.
 *
 * <p>The key-agreement protocols are JMRTD's; the file reading, the secure-messaging bookkeeping and the fallback from
 * extended length are this class's ({@link ApduChannel}). Every outcome is a {@link ReadOutcome}; a card pulled away
 * at any point is {@link ReadOutcome.CardLost} with nothing of the read kept.
 */
public final class ChipReader {

    private static final System.Logger LOG = System.getLogger(ChipReader.class.getName());
    public static final byte[] EMRTD_AID = {(byte) 0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01};

    private final Clock clock;
    private final SecureRandom random;
    private final boolean tryExtendedLength;

    private ChipReader(Builder b) {
        this.clock = b.clock;
        this.random = b.random;
        this.tryExtendedLength = b.tryExtendedLength;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private SecureRandom random = new SecureRandom();
        private boolean tryExtendedLength = true;

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /** Whether to try extended-length reads first (default true; the reader falls back by itself). */
        public Builder tryExtendedLength(boolean tryExtendedLength) {
            this.tryExtendedLength = tryExtendedLength;
            return this;
        }

        public ChipReader build() {
            return new ChipReader(this);
        }
    }

    /** Reads the card in {@code terminal} with {@code key}. Blocking; call it off the UI thread. */
    public ReadOutcome read(CardTerminal terminal, AccessKey key, ReadProgress progress) {
        try {
            if (!terminal.isCardPresent()) {
                return new ReadOutcome.NoCard(terminal.getName());
            }
        } catch (CardException e) {
            return new ReadOutcome.Failed("reader " + terminal.getName() + ": " + PcscContext.describe(e));
        }
        Session session = new Session(terminal, key, progress);
        try {
            return session.run();
        } catch (CardServiceException | ApduChannel.StatusException | RuntimeException e) {
            if (cardGone(terminal, e)) {
                return new ReadOutcome.CardLost(session.lastStep);
            }
            LOG.log(System.Logger.Level.INFO, "read failed after {0}: {1}", session.lastStep,
                    PcscContext.describe(e));
            return new ReadOutcome.Failed("after " + session.lastStep + ": " + PcscContext.describe(e));
        } finally {
            session.close();
        }
    }

    /**
     * Whether a failure means the card left. A transport failure (no answer at all) is a removal once the reader
     * reports the card absent; the service may notice a moment later than the failed transmit, so wait briefly.
     */
    static boolean cardGone(CardTerminal terminal, Throwable e) {
        if (PcscContext.isCardGone(e)) {
            return true;
        }
        try {
            if (PcscContext.isTransportFailure(e)) {
                return terminal.waitForCardAbsent(1500);
            }
            return !terminal.isCardPresent();
        } catch (CardException | RuntimeException notReachable) {
            return true;
        }
    }

    private final class Session implements APDUListener {
        final CardTerminal terminal;
        final AccessKey key;
        final ReadProgress progress;
        final AtomicInteger apdus = new AtomicInteger();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong received = new AtomicLong();
        final Map<Integer, byte[]> files = new LinkedHashMap<>();
        final long start = clock.millis();
        ReadStep lastStep = null;
        TerminalCardService service;

        Session(CardTerminal terminal, AccessKey key, ReadProgress progress) {
            this.terminal = terminal;
            this.key = key;
            this.progress = progress;
        }

        @Override
        public void exchangedAPDU(APDUEvent e) {
            // the card service reports each exchange as "RAW"; JMRTD's secure-messaging sender reports the same
            // exchange again (wrapped and plain views): count what went over the wire once
            if (!"RAW".equals(e.getType())) {
                return;
            }
            apdus.incrementAndGet();
            sent.addAndGet(e.getCommandAPDU().getBytes().length);
            if (e.getResponseAPDU() != null) {
                received.addAndGet(e.getResponseAPDU().getBytes().length);
            }
        }

        void step(ReadStep s) {
            lastStep = s;
            try {
                progress.step(s);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "progress listener threw; ignored", e);
            }
        }

        ReadOutcome run() throws CardServiceException, ApduChannel.StatusException {
            service = new TerminalCardService(terminal);
            service.addAPDUListener(this);
            service.open();
            step(ReadStep.CONNECTED);
            ApduChannel channel = new ApduChannel(service, tryExtendedLength);

            byte[] cardAccess = channel.readFile(ChipEvidence.EF_CARD_ACCESS, 0);
            PACEInfo pace = null;
            if (cardAccess != null) {
                files.put(ChipEvidence.EF_CARD_ACCESS, cardAccess);
                pace = paceInfo(cardAccess);
            }
            AccessMethod method;
            if (pace != null) {
                method = AccessMethod.PACE;
                try {
                    PACEResult result = new PACEProtocol(new PACEAPDUSender(service), null, 256, 256, true)
                            .doPACE(paceKey(), pace.getObjectIdentifier(),
                                    PACEInfo.toParameterSpec(pace.getParameterId()), pace.getParameterId());
                    channel.useWrapper(result.getWrapper());
                } catch (CardServiceException e) {
                    if (wrongKey(e) && terminalStillHasCard()) {
                        return new ReadOutcome.WrongAccessKey(AccessMethod.PACE, e.getSW());
                    }
                    throw e;
                }
                channel.selectApplet(EMRTD_AID);
            } else {
                if (!(key instanceof AccessKey.Mrz mrz)) {
                    return new ReadOutcome.AccessNotPossible(
                            "this chip offers only BAC, which needs the ID number, date of birth and expiry date");
                }
                method = AccessMethod.BAC;
                channel.selectApplet(EMRTD_AID);
                try {
                    channel.useWrapper(new BACProtocol(new BACAPDUSender(service), 256, true)
                            .doBAC(new BACKey(mrz.documentNumber(), mrz.dateOfBirth(), mrz.dateOfExpiry()))
                            .getWrapper());
                } catch (CardServiceException e) {
                    if (wrongKey(e) && terminalStillHasCard()) {
                        return new ReadOutcome.WrongAccessKey(AccessMethod.BAC, e.getSW());
                    }
                    throw e;
                }
            }
            step(ReadStep.ACCESS_GRANTED);

            byte[] dg13 = read(channel, 13);
            byte[] dg1 = read(channel, 1);
            long identityMillis = clock.millis() - start;
            if (dg1 == null) {
                return new ReadOutcome.Failed("the chip has no DG1");
            }
            Parsed<MrzData> mrz = LdsParsers.dg1(dg1);
            Parsed<Dg13Data> personal = dg13 == null ? null : LdsParsers.dg13(dg13);
            CitizenIdentity identity = null;
            if (mrz instanceof Parsed.Ok<MrzData> ok) {
                Optional<Dg13Data> dg13Data = personal instanceof Parsed.Ok<Dg13Data> p
                        ? Optional.of(p.value()) : Optional.empty();
                identity = CitizenIdentity.of(dg13Data, ok.value());
                step(ReadStep.IDENTITY_READ);
                try {
                    progress.identity(identity);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "progress listener threw; ignored", e);
                }
            }

            read(channel, 2);
            step(ReadStep.FACE_READ);
            byte[] dg14 = read(channel, 14);
            byte[] dg15 = read(channel, 15);
            byte[] sod = channel.readFile(ChipEvidence.EF_SOD, 0x1D);
            if (sod != null) {
                files.put(ChipEvidence.EF_SOD, sod);
            }
            step(ReadStep.SECURITY_DATA_READ);

            ChipAuthentication auth = chipAuthentication(channel, dg14, dg15);
            if (auth instanceof ChipAuthentication.Ca ca && !ca.confirmed()) {
                // the session is unusable after a failed chip authentication; EF.COM stays unread
                LOG.log(System.Logger.Level.INFO, "chip authentication not confirmed: {0}", ca.detail());
            } else if (!files.containsKey(ChipEvidence.EF_COM)) {
                byte[] com = channel.readFile(ChipEvidence.EF_COM, 0x1E);
                if (com != null) {
                    files.put(ChipEvidence.EF_COM, com);
                }
            }
            step(ReadStep.CHIP_AUTHENTICATED);

            ReadStats stats = new ReadStats(apdus.get(), sent.get(), received.get(), clock.millis() - start,
                    identityMillis, channel.extendedLength());
            ChipEvidence evidence = new ChipEvidence(clock.instant(), terminal.getName(), method, key, files, auth,
                    stats);
            step(ReadStep.DONE);
            if (mrz instanceof Parsed.Malformed<MrzData> bad) {
                return new ReadOutcome.Malformed(bad.fileId(), bad.reason(), evidence);
            }
            if (personal instanceof Parsed.Malformed<Dg13Data> bad) {
                return new ReadOutcome.Malformed(bad.fileId(), bad.reason(), evidence);
            }
            return new ReadOutcome.Success(evidence, identity);
        }

        /** Chip Authentication when DG14 offers it, else Active Authentication when DG15 is there. */
        private ChipAuthentication chipAuthentication(ApduChannel channel, byte[] dg14, byte[] dg15)
                throws CardServiceException, ApduChannel.StatusException {
            if (dg14 != null) {
                Optional<ChipAuthentication.Ca> ca = tryChipAuthentication(channel, dg14);
                if (ca.isPresent()) {
                    return ca.get();
                }
            }
            if (dg15 != null) {
                Parsed<PublicKey> aaKey = LdsParsers.dg15(dg15);
                if (aaKey instanceof Parsed.Ok<PublicKey> ok) {
                    byte[] challenge = new byte[8];
                    random.nextBytes(challenge);
                    boolean ec = ok.value().getAlgorithm().startsWith("EC");
                    AAResult result = new AAProtocol(new AAAPDUSender(service), channel.wrapper())
                            .doAA(ok.value(), ec ? "SHA-256" : "SHA-1",
                                    ec ? "SHA256withECDSA" : "SHA1withRSA/ISO9796-2", challenge);
                    return new ChipAuthentication.Aa(challenge, result.getResponse());
                }
                return new ChipAuthentication.None("DG15 cannot be parsed");
            }
            return new ChipAuthentication.None("the chip offers neither chip nor active authentication");
        }

        private Optional<ChipAuthentication.Ca> tryChipAuthentication(ApduChannel channel, byte[] dg14bytes)
                throws CardServiceException {
            DG14File dg14;
            try {
                dg14 = new DG14File(new ByteArrayInputStream(dg14bytes));
            } catch (Exception | LinkageError e) {
                return Optional.empty();
            }
            if (dg14.getChipAuthenticationInfos().isEmpty() || dg14.getChipAuthenticationPublicKeyInfos().isEmpty()) {
                return Optional.empty();
            }
            ChipAuthenticationInfo info = dg14.getChipAuthenticationInfos().get(0);
            ChipAuthenticationPublicKeyInfo publicKey = dg14.getChipAuthenticationPublicKeyInfos().get(0);
            BigInteger keyId = info.getKeyId();
            try {
                EACCAResult result = new EACCAProtocol(new EACCAAPDUSender(service), channel.wrapper(), 256, true)
                        .doCA(keyId, info.getObjectIdentifier(), publicKey.getObjectIdentifier(),
                                publicKey.getSubjectPublicKey());
                channel.useWrapper(result.getWrapper());
            } catch (CardServiceException e) {
                if (PcscContext.isTransportFailure(e)) {
                    throw e;
                }
                return Optional.of(new ChipAuthentication.Ca(keyId, info.getObjectIdentifier(), false,
                        "chip refused chip authentication (" + String.format("%04X", e.getSW() & 0xFFFF) + ")"));
            }
            // the next protected exchange proves the chip derived the same keys: read EF.COM under them
            try {
                byte[] com = channel.readFile(ChipEvidence.EF_COM, 0x1E);
                if (com != null) {
                    files.put(ChipEvidence.EF_COM, com);
                }
                return Optional.of(new ChipAuthentication.Ca(keyId, info.getObjectIdentifier(), true,
                        "secure messaging continued under the chip-authenticated keys"));
            } catch (CardServiceException | ApduChannel.StatusException | RuntimeException e) {
                if (PcscContext.isTransportFailure(e)) {
                    // no answer at all: the card left (or the reader failed), which says nothing about cloning
                    throw e instanceof CardServiceException cse ? cse : new CardServiceException(e.getMessage(), e);
                }
                return Optional.of(new ChipAuthentication.Ca(keyId, info.getObjectIdentifier(), false,
                        "the chip did not answer under the agreed keys: " + e.getMessage()));
            }
        }

        private byte[] read(ApduChannel channel, int dataGroup) throws CardServiceException, ApduChannel.StatusException {
            byte[] bytes = channel.readFile(ChipEvidence.dataGroup(dataGroup), dataGroup);
            if (bytes != null) {
                files.put(ChipEvidence.dataGroup(dataGroup), bytes);
            }
            return bytes;
        }

        private PACEKeySpec paceKey() {
            return switch (key) {
                case AccessKey.Can can -> PACEKeySpec.createCANKey(can.can());
                case AccessKey.Mrz mrz -> {
                    try {
                        yield PACEKeySpec.createMRZKey(
                                new BACKey(mrz.documentNumber(), mrz.dateOfBirth(), mrz.dateOfExpiry()));
                    } catch (java.security.GeneralSecurityException e) {
                        throw new IllegalStateException("SHA-1 missing", e);
                    }
                }
            };
        }

        private PACEInfo paceInfo(byte[] cardAccess) {
            try {
                for (SecurityInfo info : new CardAccessFile(new ByteArrayInputStream(cardAccess)).getSecurityInfos()) {
                    if (info instanceof PACEInfo p && p.getParameterId() != null) {
                        return p;
                    }
                }
            } catch (Exception | LinkageError e) {
                LOG.log(System.Logger.Level.INFO, "EF.CardAccess unreadable; trying BAC: {0}", e.getMessage());
            }
            return null;
        }

        private boolean wrongKey(CardServiceException e) {
            int sw = e.getSW();
            return (sw & 0xFFF0) == 0x63C0 || sw == 0x6300 || sw == 0x6982 || sw == 0x6A80 || sw == 0x6985;
        }

        private boolean terminalStillHasCard() {
            try {
                return terminal.isCardPresent();
            } catch (CardException e) {
                return false;
            }
        }

        void close() {
            if (service != null) {
                try {
                    service.removeAPDUListener(this);
                    service.close();
                } catch (RuntimeException e) {
                    // already gone
                }
            }
        }
    }
}
