package io.wharf.daemon.internal.container;

import io.wharf.api.errors.InvalidArgumentException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Container names and IDs as dockerd makes and checks them. */
final class ContainerNames {
    private static final Pattern VALID = Pattern.compile("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$");
    private static final List<String> LEFT = List.of("admiring", "adoring", "affectionate", "agitated", "amazing",
            "angry", "awesome", "beautiful", "blissful", "bold", "boring", "brave", "busy", "charming", "clever",
            "compassionate", "competent", "condescending", "confident", "cool", "cranky", "crazy", "dazzling",
            "determined", "distracted", "dreamy", "eager", "ecstatic", "elastic", "elated", "elegant", "eloquent",
            "epic", "exciting", "fervent", "festive", "flamboyant", "focused", "friendly", "frosty", "funny",
            "gallant", "gifted", "goofy", "gracious", "great", "happy", "hardcore", "heuristic", "hopeful",
            "hungry", "infallible", "inspiring", "intelligent", "interesting", "jolly", "jovial", "keen", "kind",
            "laughing", "loving", "lucid", "magical", "modest", "musing", "mystifying", "naughty", "nervous",
            "nice", "nifty", "nostalgic", "objective", "optimistic", "peaceful", "pedantic", "pensive", "practical",
            "priceless", "quirky", "quizzical", "recursing", "relaxed", "reverent", "romantic", "sad", "serene",
            "sharp", "silly", "sleepy", "stoic", "strange", "stupefied", "suspicious", "sweet", "tender",
            "thirsty", "trusting", "unruffled", "upbeat", "vibrant", "vigilant", "vigorous", "wizardly",
            "wonderful", "xenodochial", "youthful", "zealous", "zen");
    private static final List<String> RIGHT = List.of("agnesi", "albattani", "allen", "almeida", "archimedes",
            "ardinghelli", "babbage", "banach", "bardeen", "bartik", "bassi", "bell", "benz", "bhabha", "bohr",
            "booth", "borg", "bose", "boyd", "brahmagupta", "brattain", "brown", "carson", "cerf", "chandrasekhar",
            "clarke", "colden", "cori", "cray", "curie", "darwin", "davinci", "dijkstra", "dirac", "driscoll",
            "easley", "einstein", "elbakyan", "elgamal", "elion", "engelbart", "euclid", "euler", "faraday",
            "feistel", "fermat", "fermi", "feynman", "franklin", "galileo", "gauss", "goldberg", "goldwasser",
            "goodall", "hamilton", "hawking", "heisenberg", "hermann", "hertz", "hodgkin", "hofstadter", "hopper",
            "hypatia", "jackson", "jang", "jemison", "jennings", "johnson", "kalam", "kapitsa", "keller", "kepler",
            "khorana", "kilby", "knuth", "lalande", "lamarr", "lamport", "leakey", "leavitt", "lehmann", "lewin",
            "liskov", "lovelace", "lumiere", "mahavira", "margulis", "mayer", "mccarthy", "mcclintock", "meitner",
            "mendel", "merkle", "mirzakhani", "montalcini", "moore", "morse", "newton", "nobel", "noether",
            "northcutt", "noyce", "panini", "pare", "pascal", "pasteur", "perlman", "pike", "poincare", "ptolemy",
            "raman", "ramanujan", "ride", "ritchie", "rosalind", "sammet", "shamir", "shannon", "shaw", "shockley",
            "sinoussi", "snyder", "spence", "stonebraker", "swanson", "swartz", "tesla", "thompson", "torvalds",
            "turing", "varahamihira", "visvesvaraya", "wescoff", "wiles", "williams", "wilson", "wing", "wozniak",
            "wright", "yalow", "yonath");

    private final SecureRandom random = new SecureRandom();

    /** Throws dockerd's 400 for a name that is not allowed; returns it with the leading slash. */
    static String validate(String name) {
        if (!VALID.matcher(name).matches()) {
            throw new InvalidArgumentException("Invalid container name (" + name
                    + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        return name.startsWith("/") ? name : "/" + name;
    }

    /** A new 64-hex ID that is not all digits (so that it never reads as a number, as dockerd ensures). */
    String newId() {
        byte[] b = new byte[32];
        while (true) {
            random.nextBytes(b);
            String id = HexFormat.of().formatHex(b);
            if (!id.substring(0, 12).chars().allMatch(Character::isDigit)) {
                return id;
            }
        }
    }

    /** adjective_surname, with a digit appended after a few collisions, as dockerd does. */
    String generate(Predicate<String> taken) {
        for (int i = 0; ; i++) {
            String n = "/" + LEFT.get(random.nextInt(LEFT.size())) + "_" + RIGHT.get(random.nextInt(RIGHT.size()));
            if (i > 5) {
                n += random.nextInt(10);
            }
            if (!taken.test(n)) {
                return n;
            }
        }
    }
}
