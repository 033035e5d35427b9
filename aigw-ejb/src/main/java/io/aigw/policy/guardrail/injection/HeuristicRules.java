package io.aigw.policy.guardrail.injection;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rule table of the {@link Heuristics}: weighted regular expressions for instruction override (English, German,
 * French, Spanish, and the commonest override phrasing in Italian, Portuguese, Dutch, Polish, Russian, Chinese and
 * Japanese), revoked rules and priority claims, persona hijack, system-prompt and secret extraction, fake role
 * delimiters, encoded or split payloads, instructions addressed to an AI inside data, concealment, exfiltration and
 * goal hijacking. Several rules may share an id; the heuristics keep the best weight per id.
 *
 * <p>Every rule carries a {@link Prefilter}, a necessary condition in literal keywords, so that its expression is not
 * run on texts that cannot match it; {@link #KEYWORDS} finds the keywords of all of them (and of {@link Framing}'s cue
 * expressions) in one pass. The table is data: change a rule and its prefilter together.
 */
final class HeuristicRules {

    /**
     * A weighted rule; {@code when} is a necessary condition for {@code pattern} to match (see {@link Prefilter}), so the
     * pattern is not run on texts that cannot match it.
     */
    record Rule(String id, double weight, Pattern pattern, Prefilter when) {
    }

    private static final String I = "(?iu)";
    /** A gap within one sentence. */
    private static final String GAP = "[^.!?\\n]{0,40}?";
    private static final String GAP60 = "[^.!?\\n]{0,60}?";

    private static final String OVERRIDE_OBJECTS_EN = "(instructions?|prompts?|rules|directives?|directions|guidelines|guardrails|commands|orders"
            + "|programming|constraints?|restrictions|(content |safety )?polic(y|ies)|configuration|system (message|prompt)|assignments?"
            + "|the user(?:'s (question|request|message|instructions))?(?=[.,;!]|\\s+and\\b)|previous tasks?|(the|your) task|context|limitations|filters|safety (rules|checks|guidelines)|everything (above|before|you were told|else)"
            + "|what (you were|you've been|you have been) told)\\b";

    /** The rules, in the order they are run (and their hits reported). */
    static final List<Rule> RULES = List.of(
            // instruction override
            new Rule("override_instructions", 0.9, Pattern.compile(I + "\\b(ignore|disregard|forget|override|overrule|bypass|skip|drop|discard"
                    + "|cancel|set aside|pay no attention to|never ?mind|do not follow|don't follow|stop following|break)\\b" + GAP + "\\b"
                    + OVERRIDE_OBJECTS_EN),
                    when("\\bignore\\b|\\bdisregard\\b|\\bforget\\b|\\boverride\\b|\\boverrule\\b|\\bbypass\\b|\\bskip\\b|\\bdrop\\b"
                            + "|\\bdiscard\\b|\\bcancel\\b|\\bset aside\\b|\\bpay no attention to\\b|mind\\b|\\bdo not follow\\b"
                            + "|\\bdon't follow\\b|\\bstop following\\b|\\bbreak\\b & \\binstruction|\\bprompt|\\brules\\b"
                            + "|\\bdirective|\\bdirections\\b|\\bguidelines\\b|\\bguardrails\\b|\\bcommands\\b|\\borders\\b"
                            + "|\\bprogramming\\b|\\bconstraint|\\brestrictions\\b|\\bpolic|\\bconfiguration\\b|\\bsystem\\b"
                            + "|\\bassignment|\\bthe user\\b|\\btask|\\bcontext\\b|\\blimitations\\b|\\bfilters\\b|\\bsafety\\b"
                            + "|\\beverything\\b|\\btold\\b")),
            new Rule("override_instructions", 0.85, Pattern.compile(I + "\\b(ignore|disregard|forget)\\s+(what|whatever|anything)\\s+"
                    + "(the |your )?(developers?|operators?|admins?|administrators?|system|creators?|company)\\s+(said|told|wrote|says)"),
                    when("ignore|disregard|forget & what|anything & developer|operator|admin|system|creator|company & said|told|wrote"
                            + "|says")),
            new Rule("override_instructions", 0.9, Pattern.compile(I + "\\b(ignorier\\w*|vergiss|vergessen sie|missachte\\w*|überschreib\\w*"
                    + "|übergeh\\w*)\\b" + GAP + "(anweisung\\w*|instruktion\\w*|regeln|befehle?\\w*|vorgaben|richtlinien|aufträge|aufgaben"
                    + "|alles (davor|bisherige|vorherige|zuvor|oben|andere))"),
                    when("ignorier|vergiss|vergessen sie|missachte|überschreib|übergeh & anweisung|instruktion|regeln|befehl|vorgaben"
                            + "|richtlinien|aufträge|aufgaben|alles")),
            new Rule("override_instructions", 0.9, Pattern.compile(I + "\\b(ignore\\w*|oublie\\w*|ne tiens pas compte|fais abstraction)\\b"
                    + GAP + "(instructions?|consignes?|règles|directives|ordres|tout ce qui (a été dit|précède))"),
                    when("ignore|oublie|ne tiens pas compte|fais abstraction & instruction|consigne|règles|directives|ordres"
                            + "|tout ce qui")),
            new Rule("override_instructions", 0.9, Pattern.compile(I + "\\b(ignora\\w*|ignore\\w*|olvida\\w*|olvide\\w*|omite|descarta\\w*"
                    + "|haz caso omiso de)\\b" + GAP + "(instrucciones|reglas|órdenes|directrices|indicaciones|todo lo anterior)"),
                    when("ignora|ignore|olvida|olvide|omite|descarta|haz caso omiso de & instrucciones|reglas|órdenes|directrices"
                            + "|indicaciones|todo lo anterior")),
            new Rule("override_instructions", 0.9, Pattern.compile(I + "\\b(ignora|dimentica|ignore|esqueça|esqueca|negeer|vergeet|zignoruj"
                    + "|игнорируй|забудь)\\b" + GAP + "(istruzioni|regole|instruções|regras|instructies|regels|instrukcje|polecenia"
                    + "|инструкции|правила)"),
                    when("ignora|dimentica|ignore|esqueça|esqueca|negeer|vergeet|zignoruj|игнорируй|забудь & istruzioni|regole"
                            + "|instruções|regras|instructies|regels|instrukcje|polecenia|инструкции|правила")),
            new Rule("override_instructions", 0.9, Pattern.compile("(忽略|无视|忘记).{0,8}(指令|指示|规则|提示)|(指示|ルール|命令).{0,10}(無視|忘れ)"),
                    when("忽略|无视|忘记|無視|忘れ")),
            new Rule("rules_revoked", 0.85, Pattern.compile(I + "\\b(previous|prior|above|earlier|old|original|existing|system|bisherigen"
                    + "|vorherigen|précédentes|anteriores)\\s+(instructions?|rules|directives|guidelines|messages?|regeln|anweisungen|consignes"
                    + "|règles|reglas|instrucciones)\\b" + GAP + "\\b(are|were|is|have been|has been|sind|wurden|ya no son|ne sont plus)\\s+"
                    + "(now )?(void|invalid|revoked|cancell?ed|obsolete|outdated|deprecated|just a test|a test|no longer|aufgehoben|ungültig"
                    + "|válidas|valables|gone|irrelevant|fake)"),
                    when("\\bprevious\\b|\\bprior\\b|\\babove\\b|\\bearlier\\b|\\bold\\b|\\boriginal\\b|\\bexisting\\b|\\bsystem\\b"
                            + "|\\bbisherigen\\b|\\bvorherigen\\b|\\bprécédentes\\b|\\banteriores\\b & \\binstruction|\\brules\\b"
                            + "|\\bdirectives\\b|\\bguidelines\\b|\\bmessage|\\bregeln\\b|\\banweisungen\\b|\\bconsignes\\b"
                            + "|\\brègles\\b|\\breglas\\b|\\binstrucciones\\b & \\bvoid|\\binvalid|\\brevoked|\\bcancel|\\bobsolete"
                            + "|\\boutdated|\\bdeprecated|\\ba test|\\bno longer|\\baufgehoben|\\bungültig|\\bválidas|\\bvalables"
                            + "|\\bgone|\\birrelevant|\\bfake")),
            new Rule("rules_revoked", 0.8, Pattern.compile(I + "\\b(everything|all)\\s+(above|before)\\s+(this|my)\\s+(line|message)\\s+"
                    + "(is|was)\\s+(obsolete|void|irrelevant|a test)"),
                    when("above|before & line|message & obsolete|void|irrelevant|a test")),
            new Rule("priority_claim", 0.75, Pattern.compile(I + "\\b(takes?|has|have)\\s+(precedence|priority)\\s+over|\\bhighest priority\\b"
                    + "|\\bobey (this|me|my)\\b" + GAP + "\\b(over|instead|rather)|\\bsystem-level instruction|\\bsupersedes?\\b"),
                    when("precedence|priority|obey|system-level instruction|supersede")),
            new Rule("priority_claim", 0.8, Pattern.compile(I + "\\b(disable|turn off|deactivate|switch off|suspend|lift|remove|désactive\\w*"
                    + "|deaktivier\\w*|desactiva\\w*)\\s+(all |your |the |tes |deine |tus )?(filters?|content moderation|moderation|safety"
                    + "( checks| filters)?|guardrails|restrictions|filtres|filter|filtros)\\b|\\b(filters?|restrictions|safety checks|guardrails"
                    + "|rules)\\s+(are |have been )?(now )?(disabled|lifted|removed|suspended|off)\\b"),
                    when("\\bdisable\\b|\\bdeactivate\\b|\\bsuspend\\b|\\blift\\b|\\bremove\\b|\\bdésactive|\\bdeaktivier|\\bdesactiva"
                            + "|\\bdisabled\\b|\\blifted\\b|\\bremoved\\b|\\bsuspended\\b|\\boff\\b & \\bfilter\\b|\\bfilters\\b"
                            + "|\\bmoderation\\b|\\bsafety\\b|\\bguardrails\\b|\\brestrictions\\b|\\bfiltres\\b|\\bfiltros\\b"
                            + "|\\brules\\b")),
            new Rule("priority_claim", 0.55, Pattern.compile(I + "\\b(admin(istrator)?|developer|operator|root|sudo)[- ](override|access)\\b"
                    + "|\\bI am (the|your) (developer|administrator|admin|creator|operator)\\b|\\b(authori[sz]ed|sanctioned|approved)\\s+"
                    + "(red[- ]team |security )?(test|override|request)\\b|\\bcode word\\b|\\btest autorisé\\b"),
                    when("override|access ; i am & admin|developer|creator|operator ; authori|sanctioned|approved & test|override"
                            + "|request ; code word ; test autorisé")),
            new Rule("new_instructions", 0.45, Pattern.compile(I + "\\b(new|updated|real|true|actual|only)\\s+(instructions?|rules?|rule set"
                    + "|task|objective|mission|priority task|goal)\\b\\s*(follow|loaded|is|are|:|supersedes)|\\bneue anweisungen\\b"
                    + "|\\bnouvelles consignes\\b|\\bnuevas instrucciones\\b|\\binstrucción prioritaria\\b"),
                    when("\\bnew\\b|\\bupdated\\b|\\breal\\b|\\btrue\\b|\\bactual\\b|\\bonly\\b & \\binstruction|\\brule|\\btask\\b"
                            + "|\\bobjective\\b|\\bmission\\b|\\bgoal\\b & \\bfollow|\\bloaded|\\bis|\\bare|:"
                            + "|\\bsupersedes ; neue anweisungen ; nouvelles consignes ; nuevas instrucciones ; instrucción prioritaria")),
            new Rule("override_instructions", 0.2, Pattern.compile(I + "\\bbreak (your|the) rules\\b"),
                    when("break & rules")),
            new Rule("override_instructions", 0.75, Pattern.compile(I + "\\b(whatever|everything) you (were|have been|'ve been) (told|instructed|asked)"
                    + "\\b[^.!?\\n]{0,30}\\b(stop|ignore|forget|disregard)|\\byou have no (prior |previous |more |content |safety )?(instructions"
                    + "|rules|restrictions|limits|filters|guidelines)\\b|\\b(follow|obey) (mine|my instructions|only me|me) instead\\b"
                    + "|\\bthe only rule is\\b"),
                    when("whatever you|everything you & told|instructed|asked & stop|ignore|forget"
                            + "|disregard ; you have no ; instead & follow|obey ; the only rule is")),
            new Rule("rules_revoked", 0.75, Pattern.compile(I + "\\b(text|everything|instructions?|prompt|message) above (was|were|is)\\s+"
                    + "(just |only )?(an example|a test|obsolete|irrelevant|fake|void)|\\b(rules|restrictions|guidelines|policies|filters)\\s+"
                    + "(don't|do not|no longer) (exist|apply)\\b|\\bpretend (that )?(the |your )?(rules|restrictions|guidelines|filters)"),
                    when("above & an example|a test|obsolete|irrelevant|fake|void ; exist|apply & don't|do not"
                            + "|no longer ; pretend & rules|restrictions|guidelines|filters")),
            new Rule("new_instructions", 0.7, Pattern.compile(I + "\\b(the )?(real|true|actual) (instruction|task|goal|objective)s? (is|are)\\b"
                    + "|\\b(that is|that's) enough\\b[^\\n]{0,40}\\b(another|new|different) task\\b|\\bnow focus on your new task\\b"),
                    when("task ; real|true|actual & instruction|goal|objective")),
            new Rule("persistent_behaviour", 0.55, Pattern.compile(I + "\\b(to|in|at the end of|append\\w* to) (every|each|all) (future )?(reply"
                    + "|replies|answer|answers|response|responses|message)\\b|\\b(every|all) future users?\\b|\\bfrom now on,? (respond|reply"
                    + "|answer|only|always|never|refer|say|you)\\b"),
                    when("\\bto every\\b|\\bto each\\b|\\bto all\\b|\\bin every\\b|\\bin each\\b|\\bin all\\b|\\bof every\\b"
                            + "|\\bof each\\b|\\bof all\\b & \\breply\\b|\\breplies\\b|\\banswer\\b|\\banswers\\b|\\bresponse\\b"
                            + "|\\bresponses\\b|\\bmessage\\b ; future user ; from now on")),
            new Rule("goal_hijack", 0.8, Pattern.compile(I + "\\b(don't|do not|stop|no need to)\\s+(\\w+\\s+)?(summari[sz]\\w*|translat\\w*"
                    + "|answer\\w*|classify\\w*|evaluat\\w*|edit\\w*)\\b[^\\n]{0,50}?\\binstead\\b|\\binstead of (summari[sz]ing|translating"
                    + "|answering|classifying|evaluating)\\b"),
                    when("instead & summari|translat|answer|classify|evaluat|edit")),
            new Rule("ai_directive", 0.65, Pattern.compile(I + "\\b(AI|LLM|assistants?|chatbot|language model|agents?)\\b[\\w ]{0,20}?\\b(must"
                    + "|should|shall|is required to|are required to|needs to|need to|has to|have to)\\s+(now\\s+|always\\s+|never\\s+)?"
                    + "(\\w+)"),
                    when("\\bai\\b|\\bllm\\b|\\bassistant|\\bchatbot\\b|\\blanguage model\\b|\\bagent & \\bmust\\b|\\bshould\\b"
                            + "|\\bshall\\b|\\bis required to\\b|\\bare required to\\b|\\bneeds to\\b|\\bneed to\\b|\\bhas to\\b"
                            + "|\\bhave to\\b")),
            new Rule("instructions_for_ai", 0.8, Pattern.compile(I + "\\binstructions?\\s+(for|to)\\s+(the |any |all )?(AI|LLM|assistants?"
                    + "|chatbot|language model|model|summari[sz]\\w* model|agents?)\\b|\\bai[-_ ]instructions\\b|@(assistant|ai|bot|llm)\\b"
                    + "|(?-i:\\b(SYSTEM|ADMIN|DEVELOPER) (INSTRUCTIONS?|MESSAGE|PROMPT|OVERRIDE|UPDATE|NOTE)\\b)|#{2,}\\s*(system|assistant"
                    + "|instructions?)\\b"),
                    when("\\binstruction & \\bfor\\b|\\bto\\b & \\bai\\b|\\bllm\\b|\\bassistant|\\bchatbot\\b|\\blanguage model\\b"
                            + "|\\bmodel\\b|\\bsummari|\\bagent ; \\bai & instructions\\b ; @assistant\\b|@ai\\b|@bot\\b"
                            + "|@llm\\b ; \\bsystem instruction|\\bsystem message\\b|\\bsystem prompt\\b|\\bsystem override\\b"
                            + "|\\bsystem update\\b|\\bsystem note\\b|\\badmin instruction|\\badmin message\\b|\\badmin prompt\\b"
                            + "|\\badmin override\\b|\\badmin update\\b|\\badmin note\\b|\\bdeveloper instruction"
                            + "|\\bdeveloper message\\b|\\bdeveloper prompt\\b|\\bdeveloper override\\b|\\bdeveloper update\\b"
                            + "|\\bdeveloper note\\b ; ##")),
            new Rule("instructions_for_ai", 0.7, Pattern.compile("\\b(IMPORTANT|ADDITIONAL|URGENT|NEW|HIDDEN)\\s+INSTRUCTIONS?\\b"),
                    when("important|additional|urgent|new|hidden & instruction")),
            new Rule("stay_in_character", 0.45, Pattern.compile(I + "\\b(do not|don't|never) break character\\b|\\bnever steps? out of"
                    + " (the |their |its )?(role|character)\\b|\\bbreak(s|ing)? character\\b"),
                    when("character ; never step & role")),
            // persona / role hijack
            new Rule("persona_hijack", 0.9, Pattern.compile(I + "\\b(act(ing)? as|you are|you're|become|called|named|roleplay as|role-play as"
                    + "|pretend to be|tu so, als wärst du|du bist)\\s+(now\\s+)?(DAN|STAN|DUDE|AIM|AntiGPT|FreeGPT|EvilBot|Omega)\\b"
                    + "|\\bdo anything now\\b|\\bDAN mode\\b|\\bDAN is ready\\b|\\bStay (DAN|Omega|in character as DAN)\\b"),
                    when("\\bdan\\b|\\bstan\\b|\\bdude\\b|\\baim\\b|\\bantigpt\\b|\\bfreegpt\\b|\\bevilbot\\b|\\bomega\\b"
                            + "|\\bdo anything now\\b")),
            new Rule("persona_hijack", 0.85, Pattern.compile(I + "\\b(developer|god|jailbreak|maintenance|unrestricted|uncensored|unfiltered"
                    + "|sudo|admin)\\s+mode\\s*(is\\s+)?(enabled|activated|engaged)\\b|\\b(enable|activate|switch to|enter|you are (now )?in"
                    + "|with)\\s+(the\\s+)?(god|jailbreak|unrestricted|uncensored|unfiltered|DAN|sudo|developer|maintenance)\\s+mode\\b"
                    + "|\\bin (developer|jailbreak|god|maintenance) mode,? (you|the assistant)\\b|\\bentwicklermodus\\b|\\bmode (développeur|dieu)"
                    + "\\s+(activé|enclenché)|\\bmodo (desarrollador|dios)\\s+activado|\\bjailbreak mode\\b"),
                    when("mode & developer|god|jailbreak|maintenance|unrestricted|uncensored|unfiltered|sudo|admin|dan|développeur"
                            + "|dieu ; entwicklermodus ; modo")),
            new Rule("persona_hijack", 0.85, Pattern.compile(I + "\\b(act(ing)? as|pretend(ing)?( to be| you are| you're| that you)?|you are"
                    + "|you're|roleplay as|role-play as|imagine (you are|you're)|simulate|become|from now on,? you|a version of yourself"
                    + "|your character is|you play|you will play|playing)"
                    + "\\b[^.!?\\n]{0,60}?\\b(no|without|free (of|from)|zero|not bound by|don't have|do not have|freed from|escaped|lost|stripped of)\\b"
                    + "[^.!?\\n]{0,25}?\\b(any\\s+)?(restrictions?|rules|limits|limitations|filters?|guidelines|ethics|morals?|censorship"
                    + "|content polic\\w+|safety( training| guidelines)?|system prompt|developers)\\b"),
                    when("act as|acting as|pretend|you are|you're|play|simulate|become|from now on|yourself|your character is & no"
                            + "|without|free|zero|don't have|escaped|lost|stripped of & restriction|rules|limit|filter|guidelines"
                            + "|ethics|moral|censorship|content polic|safety|system prompt|developers")),
            new Rule("persona_hijack", 0.8, Pattern.compile(I + "\\b(unrestricted|uncensored|unfiltered|jailbroken|evil)\\s+(AI|model"
                    + "|assistant|version|bot|chatbot|LLM|GPT)\\b|\\bhas broken free\\b|\\bnot bound by (any|the)\\b|\\bwithout any (ethical"
                    + "|moral) (or moral )?(guidelines|restrictions)|\\b(no|without) (ethical|moral) (or moral )?(guidelines|restrictions)"),
                    when("unrestricted|uncensored|unfiltered|jailbroken|evil|has broken free|not bound by|ethical|moral")),
            new Rule("persona_hijack", 0.85, Pattern.compile(I + "\\b(KI|AI|IA|modell|assistent|model)\\b[^.!?\\n]{0,30}?\\b(ohne|keine|sans"
                    + "( aucune)?|sin( ninguna)?|senza( alcuna)?|sem)\\s+(einschränkung\\w*|regeln|richtlinien|filter|restrictions?|règles"
                    + "|filtres|restricci\\w+|reglas|filtros|restrizion\\w*|restrições)|\\b(comme si tu n'avais|als ob du keine|como si no"
                    + " tuvieras|tu so, als)\\b|\\bresponde a todo sin filtros\\b"),
                    when("einschränkung|regeln|richtlinien|filt|restri|règles|reglas|comme si tu n'avais|als ob du keine"
                            + "|como si no tuvieras|tu so, als")),
            new Rule("persona_switch", 0.45, Pattern.compile(I + "\\b(you are|you're) now\\s+(a|an|in|my|no longer)\\b|\\bnow you are\\b"
                    + "|\\bfrom (now on|this moment),? you (are|will|must)\\b|\\byou are no longer\\b|\\bstay in character\\b"
                    + "|\\b(ab jetzt|von nun an) bist du\\b|\\bdu bist (jetzt|nun)\\b|\\btu es maintenant\\b|\\bdésormais,? tu es\\b"
                    + "|\\bahora eres\\b|\\bda ora sei\\b|\\bagora você é\\b|\\bnever refuses?\\b|\\bnever break character\\b"),
                    when("you are now|you're now|now you are|from now on|from this moment|you are no longer|stay in character|bist du"
                            + "|du bist|tu es|ahora eres|da ora sei|agora você é|never refuse|never break character")),
            // extraction
            new Rule("system_prompt_extraction", 0.85, Pattern.compile(I + "\\b(reveal|show|print|output|repeat|display|tell|give|share|leak"
                    + "|dump|recite|paste|quote|spell|write out|copy|translate|summari[sz]e|encode|send|what (is|are|were|does)|remind)\\b"
                    + GAP + "\\b(your|my)\\s+(\\w+\\s+){0,2}?(system prompt|system message|initial prompt|original prompt|pre-?prompt|prompt"
                    + "|hidden (prompt|instructions|rules)|developer message|instructions|configuration|rules you|password|secret|api key"
                    + "|context( window)?|directives|guidelines)\\b"),
                    when("\\breveal\\b|\\bshow\\b|\\bprint\\b|\\boutput\\b|\\brepeat\\b|\\bdisplay\\b|\\btell\\b|\\bgive\\b"
                            + "|\\bshare\\b|\\bleak\\b|\\bdump\\b|\\brecite\\b|\\bpaste\\b|\\bquote\\b|\\bspell\\b|\\bwrite out\\b"
                            + "|\\bcopy\\b|\\btranslate\\b|\\bsummari|\\bencode\\b|\\bsend\\b|\\bwhat is\\b|\\bwhat are\\b"
                            + "|\\bwhat were\\b|\\bwhat does\\b|\\bremind\\b & \\byour\\b|\\bmy\\b & prompt|system message"
                            + "|hidden rules|developer message|instructions|configuration|rules you|password|secret|api key|context"
                            + "|directives|guidelines")),
            new Rule("system_prompt_extraction", 0.85, Pattern.compile(I + "\\b(reveal|show|print|output(?! filters?)|repeat|display|tell|give"
                    + "|share|leak|dump|recite|paste|quote|spell|write out|copy|what (is|are|were))\\b" + GAP + "\\bthe\\s+(system prompt|system message"
                    + "|(initial|original|hidden|secret|confidential|exact|full) (prompt|instructions|password|rules|text|notes)|developer"
                    + " message|pre-?prompt|password|prompt above|text above|instructions you (were|have been) given)\\b"),
                    when("\\breveal\\b|\\bshow\\b|\\bprint\\b|\\boutput\\b|\\brepeat\\b|\\bdisplay\\b|\\btell\\b|\\bgive\\b"
                            + "|\\bshare\\b|\\bleak\\b|\\bdump\\b|\\brecite\\b|\\bpaste\\b|\\bquote\\b|\\bspell\\b|\\bwrite out\\b"
                            + "|\\bcopy\\b|\\bwhat is\\b|\\bwhat are\\b|\\bwhat were\\b & \\bthe\\b & prompt\\b|\\bprompt"
                            + "|\\bsystem message\\b|\\binstructions\\b|\\bpassword\\b|\\brules\\b|\\btext\\b|\\bnotes\\b"
                            + "|\\bdeveloper message\\b")),
            new Rule("system_prompt_extraction", 0.8, Pattern.compile(I + "\\b(words|text|everything|all|content|anything)\\s+(written\\s+)?"
                    + "(above|before)\\s+(this|my)\\b|\\bwhat was written (above|before)\\b|\\b(everything|all|anything) (that |which )?(was|is|were) written (above|before)"
                    + "\\b|\\b(text|content|contents|wording) of your (instructions|prompt|rules|system prompt)\\b|\\b(reveal|tell|show|print)"
                    + "\\b[^.!?\\n]{0,20}\\b(what|which) (instructions|rules|prompt)\\b|\\bbetween <system> and </system>"
                    + "|\\b(instructions|prompt) you (were|have been|'ve been|received|got) ?(given|initiali[sz]ed with|received)?\\b|\\bstarting with the (phrase|words) \"?you are"),
                    when("\\babove\\b|\\bbefore\\b & \\bthis\\b|\\bmy\\b & \\bwords\\b|\\btext\\b|\\beverything\\b|\\ball\\b"
                            + "|\\bcontent\\b|\\banything\\b ; \\bwritten above\\b|\\bwritten before\\b ; \\bof your instructions\\b"
                            + "|\\bof your prompt\\b|\\bof your rules\\b|\\bof your system prompt\\b ; \\breveal\\b|\\btell\\b"
                            + "|\\bshow\\b|\\bprint\\b & \\bwhat instructions\\b|\\bwhat rules\\b|\\bwhat prompt\\b"
                            + "|\\bwhich instructions\\b|\\bwhich rules\\b"
                            + "|\\bwhich prompt\\b ; \\bbetween <system> and </system> ; \\binstructions you\\b"
                            + "|\\bprompt you\\b ; \\bstarting with the phrase\\b|\\bstarting with the words\\b")),
            new Rule("system_prompt_extraction", 0.8, Pattern.compile(I + "(systemprompt|system-prompt|prompt système|prompt del sistema"
                    + "|prompt di sistema|prompt de sistema|prompt systemowy|systeemprompt|системный промпт|系统提示|システムプロンプト"
                    + "|versteckten anweisungen|instructions qui vous ont été données)"),
                    when("systemprompt|system-prompt|prompt système|prompt del sistema|prompt di sistema|prompt de sistema"
                            + "|prompt systemowy|systeemprompt|системный промпт|系统提示|システムプロンプト|versteckten anweisungen"
                            + "|instructions qui vous ont été données")),
            new Rule("secret_extraction", 0.8, Pattern.compile(I + "\\b(password|passwort|mot de passe|contraseña|secret)\\b[^.!?\\n]{0,50}?"
                    + "(backwards|reverse|spell|letter|character|first letters|hint|rückwärts|lettre par lettre|al revés|vowel|language other)"
                    + "|\\b(spell|hint|backwards|reverse|first letters)\\b[^.!?\\n]{0,40}?\\b(the|your) (secret )?(password|passwort)\\b"
                    + "|\\bwhat is the (secret )?password\\b(?!\\s+(policy|requirements?|manager|rules|reset))|\\bsecret password\\b|\\bwie lautet das passwort\\b|\\bquel est le mot de passe\\b"
                    + "|\\bcuál es la contraseña\\b|\\b(letters?|characters?) of (the|your) password\\b"),
                    when("password|passwort|mot de passe|contraseña|secret")),
            // delimiter / fake role
            new Rule("fake_role_delimiter", 0.75, Pattern.compile(I + "(?m)^\\s*(#{2,}\\s*|\\[{1,2}\\s*|<\\|?\\s*|\\{\\{\\s*)?(system|sys|developer"
                    + "|admin|instructions?|assistant instructions)(\\s+(message|update|override))?\\s*(\\]{1,2}|\\|?>|:|\\}\\}|#{2,})"),
                    when("sys|developer|admin|instruction & ]|>|:|}}|##")),
            new Rule("fake_role_delimiter", 0.8, Pattern.compile(I + "</?\\s*(system|user|assistant|instructions?|context|admin|sys|document"
                    + "|system_\\w+)(\\s+[^<>]{0,40})?>"),
                    when("< & > & sys|user|assistant|instruction|context|admin|document")),
            new Rule("fake_role_delimiter", 0.9, Pattern.compile(I + "<\\|(im_start|im_end|system|user|assistant|endoftext)\\|>|\\[/?INST\\]"
                    + "|<</?SYS>>|\\[system\\]\\(#\\w+\\)|\"role\"\\s*:\\s*\"system\""),
                    when("< & > & im_start|im_end|system|user|assistant|endoftext ; inst] ; << ; [system](# ; \"role\"")),
            new Rule("fake_role_delimiter", 0.65, Pattern.compile(I + "\\bEND OF (USER )?(INPUT|DOCUMENT|PROMPT|CONTEXT)\\b|(-{3,}|={3,})\\s*END"
                    + "\\b|\\bSYSTEM OVERRIDE\\b|\\b(Human|User|USER):[^\\n]*\\n+\\s*(Assistant|ASSISTANT):[^\\n]*\\n+\\s*(System|SYSTEM):"
                    + "|\\bSYSTEM:\\s|\\bsystem:\\s*the\\b|(?m)^\\s*role:\\s*system"),
                    when("\\bend of input\\b|\\bend of document\\b|\\bend of prompt\\b|\\bend of context\\b|\\bend of user input\\b"
                            + "|\\bend of user document\\b|\\bend of user prompt\\b|\\bend of user context\\b|\\bsystem override\\b"
                            + "|\\bsystem:|\\brole: ; ---|=== & \\bend\\b")),
            // encoded / obfuscated payloads
            new Rule("encoded_payload", 0.8, Pattern.compile(I + "\\b(decode|decipher|deobfuscate|reverse|base64-decode|unscramble|decodifica"
                    + "|decodiere|décode|read)\\b[^.!?\\n]{0,70}?\\b(and|then|y|und|et)\\b[^.!?\\n]{0,30}?\\b(follow|execute|obey|comply|do what"
                    + "|act on|treat it as|perform|run|sigue|befolge|suis|exécute)"),
                    when("\\bdecode\\b|\\bdecipher\\b|\\bdeobfuscate\\b|\\breverse\\b|\\bunscramble\\b|\\bdecodifica\\b"
                            + "|\\bdecodiere\\b|\\bdécode\\b|\\bread\\b & \\band\\b|\\bthen\\b|\\by\\b|\\bund\\b|\\bet\\b & \\bfollow"
                            + "|\\bexecute|\\bobey|\\bcomply|\\bdo what|\\bact on|\\btreat it as|\\bperform|\\brun|\\bsigue|\\bbefolge"
                            + "|\\bsuis|\\bexécute")),
            new Rule("encoded_payload", 0.8, Pattern.compile(I + "\\b(execute|run|perform|obey|follow)\\b[^.!?\\n]{0,30}?\\b(hex|base64|encoded"
                    + "|morse|cipher|rot13|reversed)\\b|\\b(decode|decipher)\\b[^.!?\\n]{0,30}\\b(and|then)\\s+(comply|obey|execute)"
                    + "|\\bthis is rot13\\b|\\b(decode|decodifica|décode)\\w*\\s+(this|the following|este|ce)\\s+base64\\b"),
                    when("hex|base64|encoded|morse|cipher|rot13|reversed ; decode & comply|obey|execute")),
            new Rule("payload_splitting", 0.7, Pattern.compile(I + "\\b(concatenat\\w*|combine the parts|\\w+ ?\\+ ?\\w+ ?\\+ ?\\w+|first letter"
                    + " of each word|if x ?=)\\b[^\\n]{0,80}?\\b(execute|perform|act on|do x|follow|reveal|then)\\b|\\b(perform|execute|run|act on|do)\\s+"
                    + "\\w+\\s*\\+\\s*\\w+|\\bcombine the parts\\b"),
                    when("concatenat|combine the parts|+|first letter of each word|if x & \\bexecute\\b|\\bperform\\b|\\bact on\\b"
                            + "|\\bdo x\\b|\\bfollow\\b|\\breveal\\b|\\bthen\\b ; \\bperform\\b|\\bexecute\\b|\\brun\\b|\\bact on\\b"
                            + "|\\bdo\\b & + ; combine the parts")),
            // addressed to an AI inside data (indirect injection)
            new Rule("addressed_to_ai", 0.8, Pattern.compile(I + "\\bif you are an? (AI|LLM|language model|assistant|chatbot|AI model|AI assistant"
                    + "|LLM-powered assistant)\\b|\\b(note|message|instructions?|attention|hint|hey|hi|dear|important instructions)\\s+(to|for)?"
                    + "\\s*(the |any |all )?(AI|LLM|assistants?|chatbot|language model|summari[sz]er|summari[sz]ation model|AI \\w+( \\w+)?"
                    + "|LLM \\w+|coding agents?)\\b[^.\\n]{0,40}?(:|,|-|reading|processing|when|summari[sz]ing|translating|reviewing|screening)|\\b(AI|LLM)[\\w ]{0,25}:\\s*(ignore|disregard|do not"
                    + "|don't|also|approve|rate|say|tell|when|after|before|now|from now on|please|you must|you should|stop|instead|reply|send"
                    + "|forward)\\b|\\bhinweis an den (KI|AI)|\\bnote pour l'assistant|\\bnota para el asistente"
                    + "|\\bassistants? (reading|processing) this\\b"),
                    when("\\bif you are a ; \\bnote\\b|\\bmessage\\b|\\binstruction|\\battention\\b|\\bhint\\b|\\bhey\\b|\\bhi\\b"
                            + "|\\bdear\\b & ai\\b|llm\\b|assistant|chatbot\\b|language model\\b|summari|coding agent ; \\bai"
                            + "|\\bllm & : & \\bignore\\b|\\bdisregard\\b|\\bdo not\\b|\\bdon't\\b|\\balso\\b|\\bapprove\\b|\\brate\\b"
                            + "|\\bsay\\b|\\btell\\b|\\bwhen\\b|\\bafter\\b|\\bbefore\\b|\\bnow\\b|\\bfrom now on\\b|\\bplease\\b"
                            + "|\\byou must\\b|\\byou should\\b|\\bstop\\b|\\binstead\\b|\\breply\\b|\\bsend\\b"
                            + "|\\bforward\\b ; hinweis an den ; note pour l'assistant ; nota para el asistente ; reading this"
                            + "|processing this")),
            new Rule("addressed_to_ai", 0.8, Pattern.compile(I + "(^|[.!?:\\n]\\s*|\\(|\\[)\\s*(P\\.?S\\.?\\s*)?(assistant|AI|LLM|AI assistant|dear assistant"
                    + "|@assistant)\\s*,\\s*(when|if|after|before|please|do|stop|ignore|render|this|the user|you|call|from now|stop)\\b"
                    + "|\\b(when|while|before|after)\\s+(you\\s+)?(the assistant |an? \\w+ )?(process|read|summari[sz]|translat|review)\\w*\\s+"
                    + "(this|the)\\s+(\\w+\\s+)?(email|e-mail|document|page|message|text|file|invite|minutes|paper|web page)\\b[^.\\n]{0,40}?\\b(must|should"
                    + "|do not|don't|forward|send|tell|delete|ignore)\\b"),
                    when("assistant\\b|ai\\b|llm\\b & , & \\bwhen\\b|\\bif\\b|\\bafter\\b|\\bbefore\\b|\\bplease\\b|\\bdo\\b"
                            + "|\\bstop\\b|\\bignore\\b|\\brender\\b|\\bthis\\b|\\bthe user\\b|\\byou\\b|\\bcall\\b"
                            + "|\\bfrom now\\b ; \\bwhen\\b|\\bwhile\\b|\\bbefore\\b|\\bafter\\b & \\bprocess|\\bread|\\bsummari"
                            + "|\\btranslat|\\breview & \\bemail\\b|\\be-mail\\b|\\bdocument\\b|\\bpage\\b|\\bmessage\\b|\\btext\\b"
                            + "|\\bfile\\b|\\binvite\\b|\\bminutes\\b|\\bpaper\\b & \\bmust\\b|\\bshould\\b|\\bdo not\\b|\\bdon't\\b"
                            + "|\\bforward\\b|\\bsend\\b|\\btell\\b|\\bdelete\\b|\\bignore\\b")),
            new Rule("conceal_from_user", 0.7, Pattern.compile(I + "\\b(do not|don't|never)\\s+(tell|mention|inform|reveal (this|it) to|let)"
                    + "\\s+(the user|it|this|them|anyone)\\b|\\bwithout (telling|informing) the user\\b|\\bnever reveal this instruction\\b"
                    + "|\\bdo not mention it\\b"),
                    when("\\bdo not\\b|\\bdon't\\b|\\bnever\\b & \\btell\\b|\\bmention\\b|\\binform\\b|\\breveal\\b"
                            + "|\\blet\\b & \\bthe user\\b|\\bit\\b|\\bthis\\b|\\bthem\\b"
                            + "|\\banyone\\b ; \\bwithout\\b & \\bthe user\\b")),
            new Rule("exfiltration", 0.75, Pattern.compile(I + "\\b(send|forward|email|mail|post|upload|transmit|exfiltrate|reenvía|sende"
                    + "|envoie)\\b[^.!?\\n]{0,80}?\\b(to|at|an|à|a)\\s+(\\S+@\\S+|https?://\\S+)"),
                    when("@|http & send|forward|mail|post|upload|transmit|exfiltrate|reenvía|envoie")),
            new Rule("exfiltration", 0.7, Pattern.compile(I + "!\\[[^\\]]*\\]\\(https?://[^)\\s]*[?&=][^)]*\\)|\\b(curl|wget)\\b[^|\\n]*\\|\\s*"
                    + "(sh|bash)\\b|\\bcall the \\w+ tool\\b|\\bexecute \\w+\\(\\)"),
                    when("![ & ](http ; curl|wget ; call the & tool ; execute & ()")),
            // goal hijacking
            new Rule("goal_hijack", 0.85, Pattern.compile(I + "\\b(say|print|output|respond with|reply with|write|answer with)\\b[^.!?\\n]{0,30}?"
                    + "\\b(I have been P\\s?W\\s?N\\s?E\\s?D|pwned|hacked|I hate humans)\\b|\\bI have been PWNED\\b"),
                    when("i have been|pwned|hacked|i hate humans")),
            new Rule("instead_of_task", 0.45, Pattern.compile(I + "\\b(instead|rather)\\b,?[^.!?\\n]{0,30}?\\b(say|print|output|respond|reply|write"
                    + "|tell|state|claim)\\b|\\b(don't|do not)\\s+(summari[sz]e|translate|answer|classify)\\b|\\bactually,? (don't|do not|no)\\b"
                    + "|\\bno wait\\b|\\bjust kidding\\b|\\bscratch that\\b"),
                    when("\\binstead\\b|\\brather\\b ; \\bdon't\\b|\\bdo not\\b & \\bsummari|\\btranslate\\b|\\banswer\\b"
                            + "|\\bclassify\\b ; \\bactually ; \\bno wait\\b ; \\bjust kidding\\b ; \\bscratch that\\b")));

    /** One pass over a text finds every keyword of every prefilter: the rules', then {@link Framing}'s. */
    static final KeywordScanner KEYWORDS = new KeywordScanner(Stream.concat(RULES.stream().map(Rule::when),
            Stream.of(Framing.ANALYSIS_CUE_WORDS, Framing.REPORTING_VERBS)).toList());

    private HeuristicRules() {
    }

    /** A {@link Prefilter} from its specification. */
    private static Prefilter when(String spec) {
        return Prefilter.of(spec);
    }
}
