package io.aigw.policy.guardrail.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The PII scanner: each entity found exactly, its look-alikes left alone, and how much of a stream to hold back. */
class PiiScannerTest {

    private static final PiiScanner ALL = new PiiScanner(EnumSet.allOf(PiiEntity.class));

    private static final String OPENAI_KEY = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z_Q7rS-t9UvWx";
    private static final String ANTHROPIC_KEY = "sk-ant-api03-" + "aB3cD4eF5gH6".repeat(7) + "iJ7kL8mN9AA";
    private static final String LEGACY_OPENAI_KEY = "sk-" + "T3BlbkFJ" + "x9Yz8Wv7".repeat(5);
    private static final String GOOGLE_KEY = "AIza" + "Sy" + "A1b2C3d4E5".repeat(3) + "f_h";
    private static final String GITHUB_TOKEN = "ghp_" + "A1b2C3d4E5f6".repeat(3);
    private static final String GITHUB_PAT =
            "github_pat_" + "11ABCDEFG0123456789abc" + "_" + "Zy9Xw8Vu7Ts6".repeat(4) + "Rq5Po4Nm3Lk";
    private static final String SLACK_TOKEN = "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";
    private static final String STRIPE_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
    private static final String HF_TOKEN = "hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh";
    private static final String PEM = "-----BEGIN RSA PRIVATE KEY-----\n"
            + "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
            + "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n"
            + "-----END RSA PRIVATE KEY-----";

    /** The text containing one entity, and where it is: the scanner finds exactly that, nothing else. */
    private static void assertFinds(String text, PiiEntity entity, String value) {
        int start = text.indexOf(value);
        assertThat(start).as("test text contains the value").isNotNegative();
        assertThat(ALL.find(text)).as("matches in %s", text)
                .containsExactly(new PiiMatch(entity, start, start + value.length()));
    }

    private static void assertFindsNothing(String text) {
        assertThat(ALL.find(text)).as("matches in %s", text).isEmpty();
    }

    private static String redact(PiiScanner scanner, String text) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (PiiMatch m : scanner.find(text)) {
            out.append(text, at, m.start()).append('[').append(m.entity().label()).append(']');
            at = m.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    // ------------------------------------------------------------------------------------------------- entities

    @Test
    void entitiesHaveTheirWireNamesAndLabels() {
        assertThat(EnumSet.allOf(PiiEntity.class).stream().map(PiiEntity::wireName).collect(Collectors.toList()))
                .containsExactly("email", "phone", "credit_card", "iban", "ip_address", "api_key", "private_key",
                        "us_ssn");
        assertThat(EnumSet.allOf(PiiEntity.class).stream().map(PiiEntity::label).collect(Collectors.toList()))
                .containsExactly("EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IP_ADDRESS", "API_KEY", "PRIVATE_KEY",
                        "US_SSN");
        for (PiiEntity e : PiiEntity.values()) {
            assertThat(PiiEntity.byWireName(e.wireName())).contains(e);
        }
        assertThat(PiiEntity.byWireName("creditcard")).isEmpty();
        assertThat(PiiEntity.byWireName(null)).isEmpty();
    }

    @Test
    void aMatchRangeMustBeNonEmpty() {
        assertThatThrownBy(() -> new PiiMatch(PiiEntity.EMAIL, 3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PiiMatch(PiiEntity.EMAIL, -1, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------------------------------------------- email

    @Test
    void findsEmailAddresses() {
        assertFinds("write to bob@example.com today", PiiEntity.EMAIL, "bob@example.com");
        assertFinds("<alice.smith+news@mail.example.co.uk>", PiiEntity.EMAIL, "alice.smith+news@mail.example.co.uk");
        assertFinds("mailto:x_y%z@sub-domain.example.org.", PiiEntity.EMAIL, "x_y%z@sub-domain.example.org");
        assertFinds("Contact: Bob.O-Neil@Example.COM, thanks", PiiEntity.EMAIL, "Bob.O-Neil@Example.COM");
        assertFinds("(ann@example.museum)", PiiEntity.EMAIL, "ann@example.museum");
    }

    @ParameterizedTest
    @ValueSource(strings = {"root@localhost is local", "user@example.c has a short TLD", "follow @handle on x",
        "a@b", "foo@bar.123", "bob@-example.com", "bob@example.com2", "meet me @ 10"})
    void leavesEmailLookAlikes(String text) {
        assertFindsNothing(text);
    }

    // ---------------------------------------------------------------------------------------------------- phone

    @Test
    void findsPhoneNumbers() {
        assertFinds("call +1 415 555 0100 now", PiiEntity.PHONE, "+1 415 555 0100");
        assertFinds("call (415) 555-0100.", PiiEntity.PHONE, "(415) 555-0100");
        assertFinds("call 415-555-0100, or", PiiEntity.PHONE, "415-555-0100");
        assertFinds("call 415.555.0100", PiiEntity.PHONE, "415.555.0100");
        assertFinds("London: +44 20 7946 0958", PiiEntity.PHONE, "+44 20 7946 0958");
        assertFinds("E.164 +14155550100 ok", PiiEntity.PHONE, "+14155550100");
        assertFinds("toll free 1-800-555-0199", PiiEntity.PHONE, "1-800-555-0199");
        assertFinds("office +44 (0)20 7946 0958.", PiiEntity.PHONE, "+44 (0)20 7946 0958");
        assertFinds("ring 020 7946 0958 today", PiiEntity.PHONE, "020 7946 0958");
    }

    @ParameterizedTest
    @ValueSource(strings = {"on 2024-01-15 we", "on 15.01.2024 we", "on 01/15/2024 we", "at 12:30:45 sharp",
        "version 1.2.3 and 10.15.7", "order 4155550100 shipped", "price $1,234,567.89", "id 123-456-7890",
        "ISBN 978-3-16-148410-0", "just +1 555", "ref 12-415-555-0100", "in 01 15 2024", "415-555-01001",
        "count 1234567 items"})
    void leavesPhoneLookAlikes(String text) {
        assertFindsNothing(text);
    }

    // ---------------------------------------------------------------------------------------------- credit card

    @Test
    void findsCardNumbersOfEachIssuer() {
        assertFinds("visa 4111 1111 1111 1111 exp", PiiEntity.CREDIT_CARD, "4111 1111 1111 1111");
        assertFinds("visa 4111-1111-1111-1111.", PiiEntity.CREDIT_CARD, "4111-1111-1111-1111");
        assertFinds("visa13 4222222222222", PiiEntity.CREDIT_CARD, "4222222222222");
        assertFinds("mc 5555555555554444", PiiEntity.CREDIT_CARD, "5555555555554444");
        assertFinds("mc2 2223003122003222", PiiEntity.CREDIT_CARD, "2223003122003222");
        assertFinds("amex 3782 822463 10005,", PiiEntity.CREDIT_CARD, "3782 822463 10005");
        assertFinds("discover 6011 0009 9013 9424", PiiEntity.CREDIT_CARD, "6011 0009 9013 9424");
        assertFinds("diners 30569309025904", PiiEntity.CREDIT_CARD, "30569309025904");
        assertFinds("jcb 3530111333300000", PiiEntity.CREDIT_CARD, "3530111333300000");
        assertFinds("unionpay 6200000000000005", PiiEntity.CREDIT_CARD, "6200000000000005");
    }

    @Test
    void aCardFollowedByMoreDigitsIsStillFoundWhenItEndsAtAGroup() {
        String text = "cards: 4111111111111111 5555555555554444";
        assertThat(ALL.find(text)).containsExactly(
                new PiiMatch(PiiEntity.CREDIT_CARD, 7, 23), new PiiMatch(PiiEntity.CREDIT_CARD, 24, 40));
    }

    @ParameterizedTest
    @ValueSource(strings = {"luhn fails 4111 1111 1111 1112", "no issuer 1234567812345670",
        "long 9994111111111111111100000", "glued ID4111111111111111", "glued 4111111111111111X",
        "short 4111 1111 1111 11", "isbn 9783161484100", "odd groups 41 1111111 1111111", "pi 3.4111111111111111",
        "order 12345678901234 shipped"})
    void leavesCardLookAlikes(String text) {
        assertFindsNothing(text);
    }

    // ----------------------------------------------------------------------------------------------------- iban

    @Test
    void findsIbans() {
        assertFinds("pay GB82 WEST 1234 5698 7654 32 now", PiiEntity.IBAN, "GB82 WEST 1234 5698 7654 32");
        assertFinds("pay GB82WEST12345698765432.", PiiEntity.IBAN, "GB82WEST12345698765432");
        assertFinds("DE89 3704 0044 0532 0130 00", PiiEntity.IBAN, "DE89 3704 0044 0532 0130 00");
        assertFinds("lower de89370400440532013000 ok", PiiEntity.IBAN, "de89370400440532013000");
        assertFinds("FR14 2004 1010 0505 0001 3M02 606", PiiEntity.IBAN, "FR14 2004 1010 0505 0001 3M02 606");
        assertFinds("CH93 0076 2011 6238 5295 7", PiiEntity.IBAN, "CH93 0076 2011 6238 5295 7");
        assertFinds("NO93 8601 1117 947", PiiEntity.IBAN, "NO93 8601 1117 947");
        assertFinds("NL91 ABNA 0417 1643 00", PiiEntity.IBAN, "NL91 ABNA 0417 1643 00");
        // a four-letter word after a complete IBAN is not part of it
        assertFinds("to BE68 5390 0754 7034 from me", PiiEntity.IBAN, "BE68 5390 0754 7034");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GB83 WEST 1234 5698 7654 32", "DE89 3704 0044 0532 0130 0", "DE89 3704 0044 0532 0130 001",
        "XX82 WEST 1234 5698 7654 32", "part ABGB82WEST12345698765432", "code AB12 CDEF GHIJ"})
    void leavesIbanLookAlikes(String text) {
        assertFindsNothing(text);
    }

    // ----------------------------------------------------------------------------------------------- ip address

    @Test
    void findsIpAddresses() {
        assertFinds("host 192.168.1.20 is up", PiiEntity.IP_ADDRESS, "192.168.1.20");
        assertFinds("from 10.0.0.1.", PiiEntity.IP_ADDRESS, "10.0.0.1");
        assertFinds("mask 255.255.255.255:8080", PiiEntity.IP_ADDRESS, "255.255.255.255");
        assertFinds("v6 2001:db8::8a2e:370:7334 ok", PiiEntity.IP_ADDRESS, "2001:db8::8a2e:370:7334");
        assertFinds("full 2001:0db8:85a3:0000:0000:8a2e:0370:7334", PiiEntity.IP_ADDRESS,
                "2001:0db8:85a3:0000:0000:8a2e:0370:7334");
        assertFinds("loopback ::1.", PiiEntity.IP_ADDRESS, "::1");
        assertFinds("link fe80::1 here", PiiEntity.IP_ADDRESS, "fe80::1");
        assertFinds("mapped ::ffff:192.0.2.128 here", PiiEntity.IP_ADDRESS, "::ffff:192.0.2.128");
        assertFinds("[2001:db8::1]:443", PiiEntity.IP_ADDRESS, "2001:db8::1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"version 1.2.3.4.5", "bad 999.1.1.1", "bad 256.1.1.1", "version 1.2.3", "at 12:30:45",
        "std::vector", "mac 00:1A:2B:3C:4D:5E", "nine 1:2:3:4:5:6:7:8:9", "two 1::2::3", "leading 01.02.03.04",
        "v1.2.3.4", "uuid 123e4567-e89b-12d3-a456-426614174000", "words de::ad"})
    void leavesIpLookAlikes(String text) {
        assertFindsNothing(text);
    }

    // -------------------------------------------------------------------------------------------------- api key

    @Test
    void findsApiKeysOfTheMajorProviders() {
        for (String key : List.of(OPENAI_KEY, ANTHROPIC_KEY, LEGACY_OPENAI_KEY, GOOGLE_KEY, GITHUB_TOKEN, GITHUB_PAT,
                SLACK_TOKEN, STRIPE_KEY, HF_TOKEN, "AKIAIOSFODNN7EXAMPLE", "ASIAY34FZKBOKMUTVV7A",
                "rk_live_51HqLyjWDarjtT1zdp7dcAbC", "gho_" + "A1b2C3d4E5f6".repeat(3))) {
            assertFinds("export KEY=" + key + " # secret", PiiEntity.API_KEY, key);
            assertFinds("\"" + key + "\"", PiiEntity.API_KEY, key);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pip install sk-learn", "use scikit-learn", "the task-list is long",
        "sk-my-project-notes-for-the-demo", "AKIA1234", "AKIAIOSFODNN7EXAMPLEX", "ghp_short", "xoxb-abcdefghijkl",
        "hf_hub_download", "ask-ant-api03-aB3cD4eF5gH6aB3cD4eF5gH6", "sk_live_", "AIzaShort"})
    void leavesApiKeyLookAlikes(String text) {
        assertFindsNothing(text);
    }

    // ---------------------------------------------------------------------------------------------- private key

    @Test
    void findsWholePrivateKeyBlocks() {
        String text = "here:\n" + PEM + "\nthat was it";
        assertFinds(text, PiiEntity.PRIVATE_KEY, PEM);
        String pkcs8 = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
        assertFinds("a " + pkcs8 + " b", PiiEntity.PRIVATE_KEY, pkcs8);
        String openssh = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
                + "-----END OPENSSH PRIVATE KEY-----";
        assertFinds(openssh, PiiEntity.PRIVATE_KEY, openssh);
    }

    @Test
    void aPrivateKeyWithoutItsEndLineRunsToTheEndOfTheText() {
        String text = "key: -----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yBy 555-0100 bob@example.com";
        assertThat(ALL.find(text)).containsExactly(new PiiMatch(PiiEntity.PRIVATE_KEY, 5, text.length()));
        // an END line of another type does not close the block
        String mismatched = "-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END EC PRIVATE KEY-----\n";
        assertThat(ALL.find(mismatched)).containsExactly(new PiiMatch(PiiEntity.PRIVATE_KEY, 0, mismatched.length()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYI\n-----END PUBLIC KEY-----",
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", "-----BEGIN PRIVATE KEY without dashes"})
    void leavesOtherPemBlocks(String text) {
        assertFindsNothing(text);
    }

    // -------------------------------------------------------------------------------------------------- us ssn

    @Test
    void findsSocialSecurityNumbers() {
        assertFinds("SSN 123-45-6789.", PiiEntity.US_SSN, "123-45-6789");
        assertFinds("no. 123 45 6789 on file", PiiEntity.US_SSN, "123 45 6789");
        assertFinds("my SSN: 123456789", PiiEntity.US_SSN, "123456789");
        assertFinds("Social Security number is 234567890", PiiEntity.US_SSN, "234567890");
        assertFinds("(899-99-9999)", PiiEntity.US_SSN, "899-99-9999");
    }

    @ParameterizedTest
    @ValueSource(strings = {"000-12-3456", "666-12-3456", "900-12-3456", "999-45-6789", "123-00-4567", "123-45-0000",
        "078-05-1120", "bare 123456789 digits", "123-45-67890", "0123-45-6789", "123-45-6789-1", "123-45 6789"})
    void leavesSsnLookAlikes(String text) {
        assertFindsNothing(text);
    }

    // --------------------------------------------------------------------------------------------- all together

    @Test
    void matchesAreSortedAndDoNotOverlap() {
        String text = "Ann <ann@example.org> paid with 4111 1111 1111 1111 from 10.0.0.1; SSN 123-45-6789, "
                + "key " + OPENAI_KEY + ", phone +1 415 555 0100.";
        List<PiiMatch> found = ALL.find(text);
        assertThat(found).extracting(PiiMatch::entity).containsExactly(PiiEntity.EMAIL, PiiEntity.CREDIT_CARD,
                PiiEntity.IP_ADDRESS, PiiEntity.US_SSN, PiiEntity.API_KEY, PiiEntity.PHONE);
        assertThat(redact(ALL, text)).isEqualTo("Ann <[EMAIL]> paid with [CREDIT_CARD] from [IP_ADDRESS]; "
                + "SSN [US_SSN], key [API_KEY], phone [PHONE].");
    }

    @Test
    void matchesInsideAPrivateKeyBlockGiveWayToTheBlock() {
        String text = "-----BEGIN PRIVATE KEY-----\nbob@example.com 4111111111111111\n-----END PRIVATE KEY----- "
                + "and carol@example.com";
        assertThat(ALL.find(text)).containsExactly(new PiiMatch(PiiEntity.PRIVATE_KEY, 0, 86),
                new PiiMatch(PiiEntity.EMAIL, 91, 108));
    }

    @Test
    void looksOnlyForTheEntitiesItWasGiven() {
        String text = "bob@example.com, 4111 1111 1111 1111, +1 415 555 0100";
        PiiScanner emailOnly = new PiiScanner(Set.of(PiiEntity.EMAIL));
        assertThat(emailOnly.entities()).containsExactly(PiiEntity.EMAIL);
        assertThat(emailOnly.find(text)).containsExactly(new PiiMatch(PiiEntity.EMAIL, 0, 15));
        assertThat(new PiiScanner(EnumSet.of(PiiEntity.CREDIT_CARD, PiiEntity.PHONE)).find(text))
                .extracting(PiiMatch::entity).containsExactly(PiiEntity.CREDIT_CARD, PiiEntity.PHONE);
        PiiScanner none = new PiiScanner(Set.of());
        assertThat(none.find(text)).isEmpty();
        assertThat(none.holdFrom("bob@exa")).isEqualTo(7);
    }

    @Test
    void ordinaryTextHasNoMatches() {
        String text = "Please summarise the following article for a general audience. The council met on Tuesday "
                + "to discuss the transport plan, which aims to cut traffic by a third over 10 years (see page 4). "
                + "Residents spoke in favour of cycle lanes; shop owners worried about deliveries - and parking! "
                + "Version 2.1 of the plan costs $4.5 million, up 12% from 2023. Keep it short: friendly, clear.";
        assertFindsNothing(text);
        assertFindsNothing("");
    }

    // --------------------------------------------------------------------------------------------------- holding

    @Test
    void holdsOnlyThePossibleStartOfAMatch() {
        assertThat(ALL.holdFrom("my mail is bob@exa")).isEqualTo("my mail is ".length());
        assertThat(ALL.holdFrom("call +1 415 55")).isEqualTo("call ".length());
        assertThat(ALL.holdFrom("card 4111 1111 11")).isEqualTo("card ".length());
        assertThat(ALL.holdFrom("SSN 123-45-67")).isEqualTo("SSN ".length());
        assertThat(ALL.holdFrom("host 192.168.1.")).isEqualTo("host ".length());
        assertThat(ALL.holdFrom("host fe80::")).isEqualTo("host ".length());
        assertThat(ALL.holdFrom("pay GB82 WEST 12")).isEqualTo("pay ".length());
        assertThat(ALL.holdFrom("key sk-proj-Ab3")).isEqualTo("key ".length());
        assertThat(ALL.holdFrom("key AKIAIOSF")).isEqualTo("key ".length());
        // a trailing dash could begin a PEM header, but the key it ends began earlier
        assertThat(ALL.holdFrom("key sk-")).isEqualTo("key ".length());
        // the words that announce a bare SSN are held with it
        assertThat(ALL.holdFrom("my ssn is 1234")).isEqualTo("my ".length());
    }

    @Test
    void aCompleteMatchThatCouldStillGrowIsHeld() {
        // "bob@example.com" could become "bob@example.com.au"
        assertThat(ALL.holdFrom("mail bob@example.com")).isEqualTo(5);
        // once something that cannot continue it follows, nothing is held
        assertThat(ALL.holdFrom("mail bob@example.com ")).isEqualTo(21);
        assertThat(ALL.holdFrom("call (415) 555-0100!")).isEqualTo(20);
    }

    @Test
    void ordinaryTextIsHeldAtMostFromItsLastWord() {
        String total = "the total is 42 dollars";
        assertThat(ALL.holdFrom(total)).as("the last word could still become an address").isEqualTo(
                total.indexOf("dollars"));
        for (String done : List.of("Thanks, that is all for today.\n", "Hello there! ", "It costs 42 dollars, ok? ",
                "See you at 10:30 tomorrow; bring 2 copies.\n", "")) {
            assertThat(ALL.holdFrom(done)).as(done).isEqualTo(done.length());
        }
        String longer = "Please summarise the following article for a general audience. The council met on "
                + "Tuesday to discuss the transport plan";
        assertThat(ALL.holdFrom(longer)).isEqualTo(longer.lastIndexOf(' ') + 1);
    }

    @Test
    void holdsAPrivateKeyFromItsHeaderUntilItsEndLineArrives() {
        assertThat(ALL.holdFrom("text -----BEGIN RSA PRIV")).isEqualTo(5);
        assertThat(ALL.holdFrom("text ---")).isEqualTo(5);
        String open = "text " + PEM.substring(0, PEM.indexOf("-----END"));
        assertThat(ALL.holdFrom(open)).isEqualTo(5);
        assertThat(ALL.holdFrom(open + "-----END RSA PRIVATE KEY")).isEqualTo(5);
        assertThat(ALL.holdFrom("text " + PEM)).isEqualTo(5 + PEM.length());
        String closed = "text " + PEM + " done.\n";
        assertThat(ALL.holdFrom(closed)).isEqualTo(closed.length());
        // without private keys enabled, the header is ordinary text
        assertThat(new PiiScanner(Set.of(PiiEntity.PRIVATE_KEY)).holdFrom("a -----BEGIN RSA PRIVATE KEY-----\nMII"))
                .isEqualTo(2);
        assertThat(new PiiScanner(Set.of(PiiEntity.EMAIL)).holdFrom("a -----BEGIN RSA PRIVATE KEY-----\nMII "))
                .isEqualTo(38);
    }

    private static final String SENTENCE = "Hi, I'm Ann (ann.lee@example.org, +1 415 555 0100). Card 4111 1111 "
            + "1111 1111 exp 12/27, IBAN GB82 WEST 1234 5698 7654 32. Server 10.0.0.12 and fe80::1ff:fe23:4567:890a. "
            + "Token " + OPENAI_KEY + ", SSN 123-45-6789, ssn 234567890, call (415) 555-0100. Key:\n" + PEM
            + "\nThanks!";

    @Test
    void theReleasedPartOfEveryPrefixNeverCutsAMatch() {
        List<PiiMatch> all = ALL.find(SENTENCE);
        assertThat(all).extracting(PiiMatch::entity).containsExactly(PiiEntity.EMAIL, PiiEntity.PHONE,
                PiiEntity.CREDIT_CARD, PiiEntity.IBAN, PiiEntity.IP_ADDRESS, PiiEntity.IP_ADDRESS, PiiEntity.API_KEY,
                PiiEntity.US_SSN, PiiEntity.US_SSN, PiiEntity.PHONE, PiiEntity.PRIVATE_KEY);
        for (int k = 0; k <= SENTENCE.length(); k++) {
            String prefix = SENTENCE.substring(0, k);
            int hold = ALL.holdFrom(prefix);
            assertThat(hold).as("hold of prefix %d", k).isBetween(0, k);
            String released = prefix.substring(0, hold);
            List<PiiMatch> inReleased = ALL.find(released);
            for (PiiMatch m : all) {
                if (m.start() < hold) {
                    assertThat(m.end()).as("%s cut by the hold at %d of prefix %d", m, hold, k)
                            .isLessThanOrEqualTo(hold);
                    assertThat(inReleased).as("released part of prefix %d", k).contains(m);
                }
            }
        }
    }

    @Test
    void redactingAStreamChunkByChunkGivesTheSameTextAsRedactingItWhole() {
        for (int chunk : new int[] {1, 3, 7, 16}) {
            StringBuilder out = new StringBuilder();
            StringBuilder pending = new StringBuilder();
            for (int i = 0; i < SENTENCE.length(); i += chunk) {
                pending.append(SENTENCE, i, Math.min(SENTENCE.length(), i + chunk));
                int hold = ALL.holdFrom(pending);
                out.append(redact(ALL, pending.substring(0, hold)));
                pending.delete(0, hold);
            }
            out.append(redact(ALL, pending.toString()));
            assertThat(out.toString()).as("chunks of %d", chunk).isEqualTo(redact(ALL, SENTENCE));
        }
        assertThat(redact(ALL, SENTENCE)).doesNotContain("ann.lee", "4111", "GB82", "10.0.0.12", "fe80", "sk-proj",
                "6789", "234567890", "0100", "MIIE");
    }

    @Test
    void holdingSeesOnlyTheTailOfALongText() {
        String head = "word ".repeat(2000);
        assertThat(ALL.holdFrom(head + "bob@exa")).isEqualTo(head.length());
        assertThat(ALL.holdFrom(head)).isEqualTo(head.length());
        List<PiiMatch> found = new ArrayList<>(ALL.find(head + "bob@example.com " + head));
        assertThat(found).containsExactly(new PiiMatch(PiiEntity.EMAIL, head.length(), head.length() + 15));
    }
}
