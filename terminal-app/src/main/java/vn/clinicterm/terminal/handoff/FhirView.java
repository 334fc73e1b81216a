package vn.clinicterm.terminal.handoff;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import vn.clinicterm.terminal.storage.VisitRecord;

/**
 * The FHIR R4 view of a visit (HAPI FHIR structures): a {@code Patient} identified by the CCCD number and a
 * {@code Coverage} for the health-insurance card. Resource ids are the visit id.
 *
 * <p>Identifier systems are the Ministry of Health's, from the Vietnam core implementation guide (VN Core, published
 * by the MoH's IT department at {@code http://fhir.ehealth.gov.vn/core}): its {@code vn-core-patient} profile fixes
 * {@value #CCCD_SYSTEM} for the citizen ID card (slice {@code TheCCCD}) and {@value #BHYT_SYSTEM} for the health
 * insurance number (slice {@code TheBHYT}). That guide is still a draft and its NamingSystems are not "active", so
 * these URIs may change; they are the only ones a Vietnamese HIS may already match on, and the identifier type codes
 * ({@code NI}, {@code SB} from HL7's v2-0203) say what each number is whatever the system. See
 * {@code docs/handoff.md}.
 *
 * <p>"Validates" here means: serialised with HAPI, parsed back with a strict error handler (unknown elements, bad
 * values and wrong cardinalities fail), and the elements the hand-off contract promises are present.
 */
public final class FhirView {

    /** VN Core's NamingSystem {@code national-id}: the 12-digit citizen ID (CCCD) number. */
    public static final String CCCD_SYSTEM = "http://fhir.ehealth.gov.vn/core/sid/national_id";
    /** VN Core's NamingSystem {@code insurance_number}: the health-insurance (BHYT) card number. */
    public static final String BHYT_SYSTEM = "http://fhir.ehealth.gov.vn/core/sid/insurance_number";
    /** HL7's identifier type codes (v2 table 0203). */
    public static final String IDENTIFIER_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0203";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile FhirContext context;

    private FhirView() {}

    /** One context per JVM: building it scans the model classes and takes a second. */
    public static FhirContext context() {
        FhirContext c = context;
        if (c == null) {
            synchronized (FhirView.class) {
                if (context == null) {
                    context = FhirContext.forR4();
                }
                c = context;
            }
        }
        return c;
    }

    public static Patient patient(VisitRecord v, ZoneId zone) {
        Patient p = new Patient();
        p.setId("Patient/" + v.visitId());
        Identifier id = p.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem(CCCD_SYSTEM)
                .setValue(v.idNumber());
        id.getType().addCoding().setSystem(IDENTIFIER_TYPE_SYSTEM).setCode("NI")
                .setDisplay("National unique individual identifier");
        id.getType().setText("Căn cước công dân");
        String name = v.fullName().strip();
        var hn = p.addName().setText(name);
        int space = name.indexOf(' ');
        // Vietnamese names put the family name first
        if (space > 0) {
            hn.setFamily(name.substring(0, space));
            for (String given : name.substring(space + 1).split("\\s+")) {
                hn.addGiven(given);
            }
        } else if (!name.isEmpty()) {
            hn.setFamily(name);
        }
        p.setGender(switch (v.gender().strip().toLowerCase(Locale.ROOT)) {
            case "nam", "male" -> AdministrativeGender.MALE;
            case "nữ", "nu", "female" -> AdministrativeGender.FEMALE;
            default -> AdministrativeGender.UNKNOWN;
        });
        v.dateOfBirth().ifPresent(d -> p.setBirthDate(date(d, zone)));
        if (!v.residence().isBlank()) {
            p.addAddress().setText(v.residence()).setCountry("VN");
        }
        return p;
    }

    /** The coverage, when the insurer's answer stored with the visit names a card. */
    public static Optional<Coverage> coverage(VisitRecord v, Optional<String> eligibilityDetails, ZoneId zone) {
        JsonNode n;
        try {
            n = eligibilityDetails.isEmpty() ? null : JSON.readTree(eligibilityDetails.get());
        } catch (java.io.IOException e) {
            n = null;
        }
        if (n == null || !n.hasNonNull("cardNumber")) {
            return Optional.empty();
        }
        Coverage c = new Coverage();
        c.setId("Coverage/" + v.visitId());
        c.setStatus(Coverage.CoverageStatus.ACTIVE);
        Identifier card = c.addIdentifier().setSystem(BHYT_SYSTEM).setValue(n.path("cardNumber").asText());
        card.getType().addCoding().setSystem(IDENTIFIER_TYPE_SYSTEM).setCode("SB")
                .setDisplay("Social Beneficiary Identifier");
        card.getType().setText("Thẻ bảo hiểm y tế");
        c.setSubscriberId(n.path("cardNumber").asText());
        c.setBeneficiary(new Reference("Patient/" + v.visitId()));
        c.addPayor().setDisplay("Bảo hiểm xã hội Việt Nam");
        Period period = new Period();
        if (n.hasNonNull("validFrom")) {
            period.setStart(date(LocalDate.parse(n.path("validFrom").asText()), zone));
        }
        if (n.hasNonNull("validTo")) {
            period.setEnd(date(LocalDate.parse(n.path("validTo").asText()), zone));
        }
        c.setPeriod(period);
        return Optional.of(c);
    }

    private static Date date(LocalDate d, ZoneId zone) {
        return Date.from(d.atStartOfDay(zone).toInstant());
    }

    public static String toJson(Resource r) {
        return context().newJsonParser().setPrettyPrint(true).encodeResourceToString(r);
    }

    /** Parses {@code json} strictly and checks the promised elements; an empty list means valid. */
    public static List<String> validate(String json, Class<? extends Resource> type) {
        List<String> problems = new ArrayList<>();
        Resource r;
        try {
            IParser strict = context().newJsonParser().setParserErrorHandler(new StrictErrorHandler());
            r = strict.parseResource(type, json);
        } catch (RuntimeException e) {
            problems.add("strict parse failed: " + e.getMessage());
            return problems;
        }
        if (r instanceof Patient p) {
            if (p.getIdentifier().stream().noneMatch(i -> CCCD_SYSTEM.equals(i.getSystem())
                    && i.getValue() != null && i.getValue().matches("\\d{12}"))) {
                problems.add("Patient.identifier: no 12-digit CCCD identifier");
            }
            if (p.getName().isEmpty()) {
                problems.add("Patient.name is missing");
            }
        } else if (r instanceof Coverage c) {
            if (c.getStatus() == null) {
                problems.add("Coverage.status is missing");
            }
            if (!c.hasBeneficiary()) {
                problems.add("Coverage.beneficiary is missing");
            }
            if (c.getPayor().isEmpty()) {
                problems.add("Coverage.payor is missing");
            }
            if (c.getIdentifier().stream().noneMatch(i -> BHYT_SYSTEM.equals(i.getSystem()))) {
                problems.add("Coverage.identifier: no BHYT card number");
            }
        }
        return problems;
    }
}
