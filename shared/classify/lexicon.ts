import type { Category } from '../taxonomy.ts';

/**
 * The classifier's rules. Each rule is a regular expression over normalised text (see
 * normalize.ts: lower case, Latin diacritics dropped, ASCII apostrophes, common misspellings
 * fixed) with a weight for one category. Rules are written per meaning, in the eight languages
 * customers write in (en, de, fr, es, it, pt, nl, ja); the weights say how specific a phrase
 * is: ~1 a hint, ~2 a clear sign, ~3-4 a phrase that names the problem outright. A negative
 * weight is a denial ("it's not the password") that takes score away.
 *
 * Signals are not categories: they change how sure we may be (the customer is signed in fine,
 * the account may be compromised, only one title is missing, …).
 */
export interface Rule {
  id: string;
  category: Category;
  weight: number;
  pattern: RegExp;
  /** Rules of one group say the same thing in other words: only the strongest counts. */
  group: string;
}

export type SignalName =
  | 'mixed' // symptoms that come and go between two problems: a person decides
  | 'signed-in-fine' // the customer says sign-in itself works
  | 'security' // hacked, unusual activity: a person must look
  | 'partial-missing' // one title of several is missing: a title issue more than an account one
  | 'account-closure' // closing/deleting an account: a person must answer
  | 'escalation' // asks for a person / says the article did not help
  | 'gratitude' // thanks, it worked
  | 'problem'; // something is still wrong (blocks `gratitude` from meaning "resolved")

export interface SignalRule {
  id: string;
  signal: SignalName;
  pattern: RegExp;
}

// Building blocks (regular expression sources).
const CANT =
  "(?:can ?not|can'?t|cant|could ?n'?o?t|couldnt|unable to|not able to|no longer able to|(?:won'?t|will not|doesn'?t|does not|didn'?t|did not) let me|impossible to|fail(?:s|ed|ing)? to|(?:am|i'?m) not able to|never able to|no way to|still can'?t)";
const SIGN_IN =
  '(?:sign(?:ing|ed)?[ -]?(?:in|on)(?:to)?|signin|log(?:ging|ged)?[ -]?(?:in|on)(?:to)?|login|get (?:back )?in(?:to)?|access|enter|open)';
const ACCOUNT_WORD = '(?:account|konto|compte|cuenta|conta|account|acct)';
const EMAIL = "(?:e-?mail|email|e-mail-address|address|adresse|correo|endereco|indirizzo|adres|mail)";
const PHONE =
  '(?:mobile|cell|cellphone|cell phone|phone|mobile phone|smartphone|handy|mobil|telefon|telephone|portable|celular|movil|telefono|cellulare|telemovel|mobiel|gsm)';
const CODE = '(?:code|codes|codigo|codice|otp|sms|text message|text|pin|passcode|one-time code)';
const NOT_ARRIVE =
  "(?:(?:never|doesn'?t|does not|didn'?t|did not|don'?t|do not|isn'?t|is not|not|won'?t|hasn'?t|has not|haven'?t|have not)(?: yet)? (?:arriv(?:e|es|ed|ing)|come|comes|came|show(?:s|ed)? up|get through|been (?:received|delivered)|received|delivered|sent|reach(?:es|ed)? me)|never (?:arrives|comes|came|shows up|arrived|got it|get it|receive it|received it)|not (?:coming|arriving|getting through)|(?:don'?t|do not|didn'?t|did not|no longer|never) (?:get|receive|got|received) (?:it|them|one|anything)(?: any ?more)?)";

function r(id: string, category: Category, weight: number, source: string, group = id): Rule {
  return { id, category, weight, pattern: new RegExp(source, 'g'), group };
}
function s(id: string, signal: SignalName, source: string): SignalRule {
  return { id, signal, pattern: new RegExp(source, 'g') };
}

export const RULES: Rule[] = [
  // ───────────── sign-in-general: cannot get in, no cause named ─────────────
  r('general.cant-sign-in', 'sign-in-general', 2.2, `${CANT} (?:\\S{1,40} ){0,2}?${SIGN_IN}`),
  r('general.cant-get-into-account', 'sign-in-general', 2.2, `${CANT} (?:get|getting) (?:back )?(?:in|into|to) (?:kdp\\b|(?:my|the|our) (?:kdp )?${ACCOUNT_WORD})`),
  r('general.locked-out', 'sign-in-general', 2.2, '\\blocked out\\b|\\bshut out\\b|lock(?:ed)? me out'),
  r('general.trouble', 'sign-in-general', 2.2, `(?:trouble|problems?|issues?|difficult(?:y|ies)|help) (?:with |when |while )?(?:signing|logging|sign|log)[ -]?(?:in|on)|(?:sign|log)[ -]?in (?:problem|issue|trouble|help)|login (?:problem|issue|trouble|help|not working|doesn'?t work|fails)`),
  r('general.no-access', 'sign-in-general', 2.2, `(?:no|lost|regain) access (?:to )?(?:my )?(?:kdp )?${ACCOUNT_WORD}|access (?:to )?my (?:kdp )?account`),
  r('general.wont-let-in', 'sign-in-general', 2.2, "(?:won'?t|will not|doesn'?t|does not) let me (?:in|sign|log|get)|keeps? (?:kicking|throwing) me out|not going through"),
  r('general.de', 'sign-in-general', 2.2, '(?:kann|konnte|koennen) (?:mich|uns) (?:\\S{1,40} ){0,4}?nicht (?:mehr )?(?:\\S{1,40} ){0,3}?(?:anmelden|einloggen)|anmeldung (?:ist )?(?:nicht (?:moglich|mehr moglich)|funktioniert nicht|klappt nicht|schlagt fehl)|(?:einloggen|login) (?:ist )?(?:nicht moglich|geht nicht|funktioniert nicht|klappt nicht)|komme? (?:\\S{1,40} ){0,3}?nicht (?:mehr )?(?:in|auf|an) (?:mein|das|unser) (?:kdp-)?konto|kein(?:en)? zugriff (?:mehr )?auf (?:mein|das|unser)(?:e|en)? (?:kdp-?)?konto'),
  r('general.fr', 'sign-in-general', 2.2, "(?:impossible|n'arrive pas|n'arrive plus|ne parviens pas|ne parviens plus|ne peux pas|ne peux plus|je n'y arrive pas)(?: \\S{1,40}){0,3}? (?:de |a )?(?:me |m')?(?:connecter|identifier|acceder|ouvrir)|probleme(?:s)? (?:de|d') ?(?:connexion|identification|acces)|(?:plus|pas) (?:d')?acces a mon compte|connexion impossible"),
  r('general.es', 'sign-in-general', 2.2, 'no (?:puedo|consigo|logro|podemos|me deja|me permite|he podido|pude)(?: \\S{1,40}){0,2}? (?:iniciar sesion|entrar|acceder|ingresar|conectarme|loguearme|abrir mi cuenta)|problemas? (?:para|al|de) (?:iniciar sesion|entrar|acceder|ingresar|acceso)|no tengo acceso|sin acceso a mi cuenta'),
  r('general.it', 'sign-in-general', 2.2, "non (?:riesco|posso|sono in grado di|riusciamo)(?: piu)? (?:\\S{1,40} ){0,2}?(?:ad? )?(?:accedere|entrare|fare (?:il )?login|effettuare l'accesso|collegarmi|loggarmi)|impossibile (?:accedere|entrare|fare il login)|problem[ai] (?:di|con l'|con) ?(?:accesso|login)|non mi (?:fa|lascia) (?:entrare|accedere)"),
  r('general.pt', 'sign-in-general', 2.2, 'nao (?:consigo|posso|estou conseguindo|consegui)(?: mais)? (?:\\S{1,40} ){0,2}?(?:entrar|acessar|fazer login|logar|iniciar sessao|aceder)|problemas? (?:para|ao|de|com o) (?:entrar|acessar|login|acesso)|sem acesso a minha conta|nao tenho acesso'),
  r('general.nl', 'sign-in-general', 2.2, '(?:kan|lukt het|lukt|krijg) (?:me |mij |ik )?(?:\\S{1,40} ){0,3}?niet (?:meer )?(?:inloggen|aanmelden|in mijn account|binnen)|inloggen (?:lukt|gaat|werkt) (?:\\S{1,40} )?niet|geen toegang (?:meer )?tot (?:mijn|het) account|kan niet (?:meer )?in(?:loggen)?'),
  r('general.ja', 'sign-in-general', 2.2, '(?:ログイン|サインイン|ろぐいん)(?:が|を)?(?:でき|出来)(?:ない|ません|なく)|アカウントに(?:アクセス|入れ|ログイン)(?:でき|出来)?(?:ない|ません)|入れません|アクセスできません'),

  // ───────────── email-address ─────────────
  r('email.which', 'email-address', 2.6, `(?:which|what|wich|witch) (?:e-?mail|email|address|one)(?: address)?(?: (?:do|did|should|must|am|is|was|i)\\b)|(?:which|what) (?:e-?mail|email) (?:address )?(?:to use|i used|is (?:my|the) account)|(?:forgot|forgotten|remember|unsure|not sure|no idea|don'?t know|confused|wondering|unclear)(?: \\S{1,40}){0,3}? (?:which|what) (?:e-?mail|email|address)|under which (?:e-?mail|email|address)|(?:which|what) (?:e-?mail|email|address) (?:my|the) (?:kdp )?account (?:is|was) (?:under|set up|registered)`),
  r('email.not-recognised', 'email-address', 3.0, `(?:e-?mail|email|address)(?: address)? (?:is |was )?(?:not|isn'?t|wasn'?t|never) (?:being )?(?:recogni[sz]ed|found|known|valid|accepted)|(?:doesn'?t|does not|didn'?t|did not) (?:recogni[sz]e|know|accept) (?:my |this |that |the )?(?:e-?mail|email|address)|not know (?:this|my|the) (?:e-?mail|email)`),
  r('email.no-account-with', 'email-address', 2.8, `(?:no|cannot find an?|can'?t find an?|could not find an?|couldn'?t find an?|there is no|there'?s no) account (?:found |exists |registered )?(?:with|for|under|associated with|linked to|matching) (?:that|this|my|the|these|those)? ?(?:e-?mail|email|address)`),
  r('email.no-account-after', 'email-address', 2.8, `(?:sign|log)(?:ging)?[ -]?in (?:with|using) (?:my |the |an? )?(?:\\S{1,40} )?(?:e-?mail|email|address)(?: \\S{1,40}){0,8}? (?:no account|not (?:found|recogni[sz]ed|known)|(?:can'?t|cannot) find)`),
  r('email.typo', 'email-address', 3.0, `(?:typed|spelled|spelt|entered|put|registered)(?: \\S{1,40}){0,3}? (?:e-?mail|email|address)(?: \\S{1,40}){0,2}? (?:wrong|wrongly|incorrectly|with a typo)|(?:typo|mistake|error|misspel\\w*) in (?:my |the )?(?:e-?mail|email|address)|misspel\\w* (?:my |the )?(?:e-?mail|email|address)|(?:e-?mail|email|address) (?:on|of) (?:the|my) account is (?:wrong|misspelled|incorrect)`),
  r('email.invalid-format', 'email-address', 3.2, 'enter a valid (?:e-?mail|email)|valid (?:e-?mail|email) address|invalid (?:e-?mail|email)|(?:e-?mail|email)(?: address)? (?:format|is invalid)|without (?:the |a )?(?:\\.com|domain|tld)'),
  r('email.several', 'email-address', 2.0, `(?:two|2|several|multiple|different|three|four|many|various|a few) (?:different )?(?:e-?mail |email )?(?:addresses|e-?mails|emails)|(?:old|work|personal|private|family|shared|former|other|second) (?:work |personal )?(?:e-?mail|email)(?: address)?(?: and | or |,)|(?:my|the) (?:old|former|previous) work (?:e-?mail|email|address)`),
  r('email.right-combo', 'email-address', 1.5, '(?:right|correct|wrong) (?:e-?mail|email)(?: address)?(?: and password)?(?: combination)?'),
  r('email.de', 'email-address', 3.0, '(?:e-?mail-?)?adresse (?:wird )?(?:nicht (?:erkannt|gefunden)|ungultig|unbekannt)|kein(?:en)? konto (?:mit|unter|zu) (?:dieser|der|meiner) (?:e-?mail|adresse)|(?:welche|welcher) (?:e-?mail|adresse)|(?:zwei|mehrere|verschiedene) (?:e-?mail-?)?(?:adressen|e-?mails)'),
  r('email.fr', 'email-address', 3.0, "(?:adresse(?: e-?mail| mail| electronique)?|e-?mail) (?:n'est |n'etait )?(?:pas |non )(?:reconnue?|valide|trouvee?)|aucun compte (?:n'est )?(?:associe|trouve|ne correspond|enregistre) (?:a|avec) (?:cette|mon|l') ?(?:adresse|e-?mail)|quelle (?:adresse|e-?mail)|(?:deux|plusieurs) adresses"),
  r('email.es', 'email-address', 3.0, '(?:correo|email|e-mail)(?: electronico)? (?:no (?:es |esta )?(?:reconocido|valido|registrado|existe)|incorrecto)|no (?:existe|hay|encuentra) (?:ninguna )?cuenta (?:con|asociada a) (?:ese|este|mi) (?:correo|email)|(?:que|cual|cuál) (?:correo|email|direccion)|(?:dos|varios|varias) (?:correos|direcciones|emails)'),
  r('email.it', 'email-address', 3.0, "(?:indirizzo )?(?:e-?mail|email) (?:non (?:e )?(?:riconosciut[oa]|valid[oa]|registrat[oa]|trovat[oa]))|nessun account (?:associato|trovato|registrato) (?:a|con) (?:questo|quest'|quell'|il mio) ?(?:indirizzo|e-?mail)|quale (?:indirizzo|e-?mail)|(?:due|piu|diversi) indirizzi"),
  r('email.pt', 'email-address', 3.0, '(?:e-?mail|endereco)(?: de e-?mail)? nao (?:e )?(?:reconhecido|encontrado|valido|cadastrado)|nenhuma conta (?:com|associada a|encontrada com) (?:esse|este|o meu) (?:e-?mail|endereco)|qual (?:e-?mail|endereco)|(?:dois|varios) (?:e-?mails|enderecos)'),
  r('email.nl', 'email-address', 3.0, '(?:e-?mail(?:adres)?|adres) (?:wordt )?niet (?:herkend|gevonden|geldig)|geen account (?:gevonden )?(?:met|bij|op) (?:dit|dat|mijn) (?:e-?mail)?adres|(?:welk|welke) (?:e-?mail)?(?:adres|e-?mail)|(?:twee|meerdere) (?:e-?mail)?adressen'),
  r('email.ja', 'email-address', 3.0, 'メールアドレス.{0,12}(?:認識|見つかり|見つから|登録されていな|存在しな|無効|間違)|(?:どの|どちらの)(?:メール)?アドレス|アドレスが(?:わから|分から)'),

  // ───────────── mobile-phone ─────────────
  r('mobile.created-with', 'mobile-phone', 3.6, `(?:created|made|set|setup|opened|registered|signed|sign|open|create|make|register|use[ds]?|using)(?: \\S{1,40}){0,8}? (?:with|using|via|by|under|through) (?:my |a |his |her |the |our |their |only (?:a |my )?)?${PHONE}(?: phone)?(?: number| no\\.?)|${PHONE}(?: phone)? number,? (?:instead of|not|rather than|and no|only)(?: an?)? ?(?:e-?mail|email)?|(?:no|without an?|never (?:had|set up|gave) an?) (?:e-?mail|email)(?: address| id)?(?: \\S{1,40}){0,6}? ${PHONE}`),
  r('mobile.sign-in-with', 'mobile-phone', 3.0, `(?:sign|log)(?:ging)?[ -]?in (?:with|using) (?:my |the |a )?${PHONE}(?: phone)?(?: number)?|${PHONE}(?: phone)? number (?:login|log-?in|sign-?in|not working|doesn'?t work|not (?:recogni[sz]ed|found|accepted))|(?:type|enter|put|typing|entering)(?: in)? (?:my |the )?(?:${PHONE} )?(?:phone )?number`),
  r('mobile.no-account-with', 'mobile-phone', 3.4, `(?:no|cannot find an?|can'?t find an?|could not find an?|there is no|there'?s no|not find an?) account (?:found )?(?:with|for|under|associated with) (?:that|this|my|the) (?:${PHONE} )?(?:phone )?number|(?:incorrect|wrong|invalid|unknown) (?:${PHONE} )?(?:phone )?number`),
  r('mobile.country-code', 'mobile-phone', 3.2, `country (?:code|prefix|dial(?:ing)? code)|(?:put|add|include|type|need)(?: \\S{1,40}){0,3}? (?:\\+|plus )?\\d{1,3} (?:in front|before|at the (?:start|beginning)|first)|(?:in front of|before) (?:the|my) (?:${PHONE} )?number|international (?:code|format|prefix)|\\+\\d{1,3}\\b(?: \\[phone\\])?(?: or | vs |\\?)|\\bor \\+\\d{1,3}\\b`),
  r('mobile.de', 'mobile-phone', 3.4, '(?:handynummer|mobilnummer|mobilfunknummer|telefonnummer|handy-nummer|rufnummer)|landervorwahl|landesvorwahl|internationale vorwahl'),
  r('mobile.fr', 'mobile-phone', 3.4, "(?:avec|par) (?:mon|un) (?:numero de )?(?:telephone|portable|mobile)|indicatif(?: du| de)?(?: pays| international| telephonique)?|(?:aucun compte|pas de compte)(?: \\S{1,40}){0,4}? (?:ce|mon) numero"),
  r('mobile.fr.number', 'mobile-phone', 2.0, "numero de (?:telephone|portable|mobile|tel)|numero (?:portable|mobile)"),
  r('mobile.es', 'mobile-phone', 3.4, 'numero de (?:celular|movil|telefono|cel)|(?:con|usando|mediante) mi (?:numero de )?(?:celular|movil|telefono)|codigo (?:de|del) pais|prefijo(?: internacional| del pais| telefonico)?|(?:poner|agregar|anadir) (?:algo|el|un) (?:\\S{1,40} )?(?:antes|delante) del numero'),
  r('mobile.it', 'mobile-phone', 3.4, 'numero di (?:cellulare|telefono|cell)|(?:con|tramite|usando) (?:il )?(?:mio )?(?:numero di )?(?:cellulare|telefono)|prefisso(?: internazionale| del paese| telefonico)?'),
  r('mobile.pt', 'mobile-phone', 3.4, 'numero de (?:celular|telefone|telemovel)|(?:com|usando|pelo|atraves do) (?:o )?(?:meu )?(?:numero de )?(?:celular|telemovel|telefone)|codigo (?:do|de) pais|\\bddi\\b|indicativo(?: do pais| internacional)?'),
  r('mobile.nl', 'mobile-phone', 3.4, '(?:mobiele? )?(?:telefoonnummer|gsm-?nummer|mobiel nummer|06-?nummer)|landcode|landnummer|internationaal nummer'),
  r('mobile.ja', 'mobile-phone', 3.4, '携帯(?:電話)?(?:の)?番号|電話番号|国番号|国コード|国際番号'),

  // ───────────── password ─────────────
  r('password.forgot', 'password', 3.2, "(?:forgot|forgotten|forget|lost|don'?t know|do not know|dont know|can'?t remember|cannot remember|can not remember|don'?t remember|do not remember|no idea (?:what|of)|not sure (?:of|what)|unsure of|what) (?:\\S{1,40} ){0,2}?(?:my|the|our|his|her|kdp|account|amazon|its|which) (?:\\S{1,40} )?password|(?:i|i'?ve|i have|we) (?:\\S{1,40} )?(?:forgot|forgotten|lost) (?:\\S{1,40} )?password|password(?: \\S{1,40}){0,2}? (?:forgotten|forgot)|no idea what (?:the |my )?password"),
  r('password.rejected', 'password', 3.2, "password (?:is |was |keeps (?:being )?)?(?:incorrect|wrong|rejected|invalid|not (?:accepted|working|correct|recogni[sz]ed|valid|right)|refused|doesn'?t work|does not work|won'?t work|will not work|isn'?t (?:working|accepted)|never works)|(?:wrong|incorrect|invalid) password|your password is incorrect|password (?:does not|doesn'?t) match"),
  r('password.reset', 'password', 2.6, '(?:reset|change|recover|reset of|resetting|resets) (?:my |the |a |your )?(?:kdp |amazon )?password|password (?:reset|recovery|change)|forgot (?:your )?password|password assistance'),
  r('password.reset-mail', 'password', 2.6, `(?:reset|recovery)(?: password)? (?:e-?mail|email|link|mail|message|code)(?: \\S{1,40}){0,4}? ${NOT_ARRIVE}|${NOT_ARRIVE}(?: \\S{1,40}){0,3}? (?:the |any |a )?(?:reset|recovery) (?:e-?mail|email|link)|(?:reset|recovery) link (?:has |had |is )?expired`),
  r('password.junk', 'password', 1.2, '\\b(?:junk|spam|spam folder|junk folder|lixo eletronico|courrier indesirable|correo no deseado|posta indesiderata|ongewenste e-mail|迷惑メール)\\b'),
  r('password.caps', 'password', 2.6, 'caps ?lock|num ?lock|case[ -]sensitive|capital letters?|upper ?case|lower ?case'),
  r('password.attempts', 'password', 2.4, 'too many (?:failed |unsuccessful |wrong )?(?:attempts|tries|login attempts|sign-in attempts)'),
  r('password.new-not-work', 'password', 3.0, "new password (?:doesn'?t|does not|won'?t|will not|isn'?t|is not|never)(?: \\S{1,40})?(?: work| accepted)?|(?:after|even after)(?: \\S{1,40}){0,2}? reset(?:ting)?(?: \\S{1,40}){0,3}? (?:wrong|incorrect|doesn'?t work|rejected)"),
  r('password.rejected-intl', 'password', 3.0, '(?:passwort|kennwort|mot de passe|contrasena|senha|wachtwoord|password)(?: \\S{1,40}){0,3}? (?:abgelehnt|nicht akzeptiert|wird nicht angenommen|refuse|rejete|rechazad[oa]|no (?:es )?aceptad[oa]|rifiutat[oa]|non accettat[oa]|recusad[oa]|rejeitad[oa]|nao (?:e )?aceit[oa]|geweigerd|niet geaccepteerd|klopt niet|ongeldig|onjuist)'),
  r('password.mention', 'password', 0.8, '\\bpasswords?\\b|\\bpasswort\\b|\\bkennwort\\b|mot de passe|contrasena|\\bsenha\\b|wachtwoord|パスワード'),
  r('password.de', 'password', 3.2, '(?:passwort|kennwort) (?:\\S{1,40} ){0,2}?(?:vergessen|falsch|ungultig|wird nicht akzeptiert|funktioniert nicht|zurucksetzen|zuruckgesetzt)|(?:falsches|neues|richtiges) (?:passwort|kennwort)'),
  r('password.fr', 'password', 3.2, "mot de passe (?:\\S{1,40} ){0,2}?(?:oublie|incorrect|errone|refuse|invalide|ne (?:fonctionne|marche) (?:pas|plus))|oublie (?:mon |le )?mot de passe|reinitialis\\w* (?:de |du |mon |le )?(?:mot de passe)?"),
  r('password.es', 'password', 3.2, '(?:olvide|olvido|no recuerdo|perdi)(?: \\S{1,40})? (?:mi |la )?contrasena|contrasena (?:\\S{1,40} ){0,2}?(?:incorrecta|no (?:es )?valida|no funciona|olvidada|equivocada)|restablec\\w* (?:la |mi )?contrasena|(?:cambiar|recuperar) (?:la |mi )?contrasena'),
  r('password.it', 'password', 3.2, '(?:dimenticato|scordato|non ricordo|perso)(?: \\S{1,40})? (?:la )?(?:mia )?password|password (?:\\S{1,40} ){0,2}?(?:errata|sbagliata|non (?:valida|corretta|funziona|accettata))|reimpost\\w* (?:la )?password|recupero (?:della )?password'),
  r('password.pt', 'password', 3.2, '(?:esqueci|esqueceu|nao lembro|perdi)(?: \\S{1,40})? (?:a |da |de )?(?:minha )?senha|senha (?:\\S{1,40} ){0,2}?(?:incorreta|errada|invalida|nao funciona)|redefini\\w* (?:de |da |a |minha )?(?:senha)?|recuperar (?:a |minha )?senha'),
  r('password.nl', 'password', 3.2, 'wachtwoord (?:\\S{1,40} ){0,2}?(?:vergeten|onjuist|fout|klopt niet|werkt niet|opnieuw instellen|resetten|herstellen)|(?:verkeerd|onjuist|nieuw) wachtwoord'),
  r('password.ja', 'password', 3.2, 'パスワード.{0,12}(?:忘れ|間違|違い|正しくありません|再設定|リセット|通らな|受け付けられ)|パスワードの再設定|再設定(?:用)?のメール'),
  // Denials: "it's not the password", "my password is fine".
  r('password.denied', 'password', -4.5, "(?:not|isn'?t|it'?s not|it is not|wasn'?t|never) (?:actually |really |about |a |the |my )*password(?: (?:issue|problem))?(?! (?:reset|is (?:wrong|incorrect)))|password (?:is |was )?(?:fine|correct|ok|okay|right|accepted|not the (?:problem|issue))|password (?:works|is accepted|gets accepted|goes through)|accepts? (?:my |the )?password|(?:passwort|kennwort) (?:ist )?(?:richtig|korrekt|wird akzeptiert)|(?:mot de passe|contrasena|senha|wachtwoord) (?:est |es |e |is )?(?:correct[oa]?|bon|accepte|aceptad[oa]|aceita|juist|goed)"),

  // ───────────── multiple-accounts ─────────────
  r('multi.two-accounts', 'multiple-accounts', 3.4, `(?:two|2|second|another|multiple|duplicate|several|extra|separate|different|double) (?:kdp |amazon )?accounts?(?: \\S{1,40}){0,4}? (?:with|under|using|for) (?:the |my |one |one and the )?same (?:e-?mail|email|address)|(?:two|2|multiple|duplicate|several) accounts\\b|have (?:two|2) (?:\\S{1,40} )?accounts`),
  r('multi.new-customer', 'multiple-accounts', 3.4, `(?:i am|i'?m|am) a new customer|new customer|create (?:your|an|a new) account(?: \\S{1,40}){0,4}? (?:by mistake|accidentally|instead)|(?:created|made|opened|set up) (?:a |an )?(?:new|second|another|brand new|separate|duplicate|fresh) (?:kdp |amazon )?account|(?:accidentally|by mistake|mistakenly|by accident|inadvertently)(?: \\S{1,40}){0,4}? (?:created|made|opened|signed up|set up|clicked)|(?:picked|clicked|chose|selected) "?(?:create (?:an? )?account|new customer)`),
  r('multi.same-email', 'multiple-accounts', 2.0, `same (?:e-?mail|email|address)(?: \\S{1,40}){0,6}? (?:different|another|two|2|new) (?:password|account)|(?:different|another|two) passwords?|depending on (?:which|the) password|(?:one|which|wrong|right) (?:of the )?accounts?\\b(?: \\S{1,40}){0,3}? (?:is|has|opens|belongs)|(?:merge|combine|consolidate|link|delete the (?:new|empty|other|second)) (?:my |the |both |these )?(?:two |2 )?(?:accounts|account)`),
  r('multi.de', 'multiple-accounts', 3.4, '(?:zwei|mehrere|doppelte) (?:kundenkonten|konten|accounts)|(?:zweites|neues|weiteres|anderes|doppeltes) (?:kunden)?konto|konten zusammenfuhren'),
  r('multi.de.new', 'multiple-accounts', 3.0, 'neuer kunde|neukunde|ich bin neu'),
  r('multi.fr', 'multiple-accounts', 3.4, '(?:deux|plusieurs) comptes|(?:deuxieme|second|nouveau|autre) compte|fusionner (?:mes|les) comptes'),
  r('multi.fr.new', 'multiple-accounts', 3.0, 'nouveau client|nouvelle cliente'),
  r('multi.es', 'multiple-accounts', 3.4, '(?:dos|varias) cuentas|(?:segunda|otra|nueva) cuenta|(?:fusionar|unir) (?:mis|las) cuentas'),
  r('multi.es.new', 'multiple-accounts', 3.0, 'cliente nuevo|nuevo cliente|soy nuev[oa]'),
  r('multi.it', 'multiple-accounts', 3.4, '(?:due|piu) account|(?:secondo|altro|nuovo) account|unire (?:i )?(?:miei |due )?account'),
  r('multi.it.new', 'multiple-accounts', 3.0, 'nuovo cliente|nuova cliente'),
  r('multi.pt', 'multiple-accounts', 3.4, '(?:duas|varias) contas|(?:segunda|outra|nova) conta|(?:juntar|unir|mesclar) (?:as )?(?:minhas |duas )?contas'),
  r('multi.pt.new', 'multiple-accounts', 3.0, 'cliente novo|novo cliente|nova cliente'),
  r('multi.nl', 'multiple-accounts', 3.4, '(?:twee|meerdere) accounts|(?:tweede|ander|nieuw|extra) account|accounts samenvoegen'),
  r('multi.nl.new', 'multiple-accounts', 3.0, 'nieuwe klant'),
  r('multi.ja', 'multiple-accounts', 3.4, 'アカウントが(?:2|二|ふた)つ|(?:2|二|ふた)つのアカウント|(?:新しい|別の|2つ目の|二つ目の)アカウント'),
  r('multi.ja.new', 'multiple-accounts', 3.0, '新規(?:のお客様|顧客|登録)|はじめてのお客様|初めてのお客様'),

  // ───────────── bookshelf-empty ─────────────
  r('shelf.empty', 'bookshelf-empty', 3.6, `bookshelf(?: \\S{1,40}){0,4}? (?:is |was |looks |shows |seems )?(?:completely |totally |now |just )?(?:empty|blank|gone|missing|nothing|no (?:books|titles)|bare|cleared|wiped|reset)|bookshelf (?:says|shows|has|displays|lists) (?:i (?:have|don'?t have) )?(?:no|nothing|only|zero|any)|(?:no|zero|none of my) (?:books|titles)(?: \\S{1,40}){0,3}? (?:on|in) (?:my |the )?bookshelf|(?:missing|gone|disappeared|vanished) from (?:my |the )?bookshelf|(?:where did|what happened to) my bookshelf`),
  r('shelf.books-gone', 'bookshelf-empty', 3.0, `(?:all |all of )?my (?!kindle )(?:\\d+ |\\S{1,40} )?(?:books|titles|ebooks|paperbacks)(?: \\S{1,40}){0,3}? (?:are |have )?(?:all )?(?:gone|missing|disappeared|disappear|vanished|deleted|not (?:there|showing|listed|visible))|(?:where are|can'?t see|cannot see|don'?t see) (?:all )?my (?:books|titles)|books (?:have )?disappear|should (?:be|have) (?:\\d+|[a-z]+) (?:books|titles)|(?:books|titles) (?:are )?missing from`),
  r('shelf.mention', 'bookshelf-empty', 1.4, '\\bbookshelf\\b|\\bbucherregal\\b|\\bboekenplank\\b|本棚'),
  r('shelf.new-author', 'bookshelf-empty', 2.0, "(?:create a new title|as if i'?m (?:a )?(?:brand[- ])?new|like a new author|brand-new author)"),
  r('shelf.de', 'bookshelf-empty', 3.6, '(?:bucherregal|bibliothek|regal) (?:\\S{1,40} ){0,3}?(?:ist )?(?:komplett |vollig |ganz )?(?:leer|verschwunden)|(?:meine |alle )?(?:bucher|titel) (?:sind |waren )?(?:\\S{1,40} )?(?:weg|verschwunden|nicht mehr (?:da|sichtbar|angezeigt))|keine (?:bucher|titel) (?:mehr )?(?:im|in meinem) (?:bucherregal|konto)|(?:im konto|in meinem konto) wird nichts angezeigt'),
  r('shelf.fr', 'bookshelf-empty', 3.6, "(?:bibliotheque|etagere) (?:\\S{1,40} ){0,3}?(?:est )?(?:completement |entierement )?vide|(?:mes |tous mes )livres (?:ont |sont )?(?:\\S{1,40} )?(?:disparu|introuvables|absents|n'apparaissent)|aucun (?:livre|titre) (?:n'apparait|dans)"),
  r('shelf.es', 'bookshelf-empty', 3.6, '(?:estanteria|biblioteca|estante) (?:\\S{1,40} ){0,3}?(?:esta )?(?:completamente |totalmente )?vaci[ao]|(?:mis |todos mis )libros (?:han )?(?:\\S{1,40} )?(?:desaparecido|no aparecen|no salen)|ningun (?:libro|titulo)'),
  r('shelf.it', 'bookshelf-empty', 3.6, "(?:scaffale|libreria|biblioteca) (?:\\S{1,40} ){0,3}?(?:e )?(?:completamente )?vuot[oa]|(?:i miei |tutti i miei )libri (?:sono )?(?:\\S{1,40} )?(?:spariti|scomparsi|non (?:ci sono|compaiono|appaiono))"),
  r('shelf.pt', 'bookshelf-empty', 3.6, '(?:estante|biblioteca) (?:\\S{1,40} ){0,3}?(?:esta )?(?:completamente )?vazia|(?:meus |todos os meus )livros (?:\\S{1,40} )?(?:sumiram|desapareceram|nao aparecem)'),
  r('shelf.nl', 'bookshelf-empty', 3.6, '(?:boekenplank|boekenkast|bibliotheek) (?:\\S{1,40} ){0,3}?(?:is )?(?:helemaal |volledig )?leeg|(?:mijn |al mijn )boeken (?:zijn )?(?:\\S{1,40} )?(?:weg|verdwenen|niet (?:meer )?zichtbaar)'),
  r('shelf.ja', 'bookshelf-empty', 3.6, '本棚.{0,12}(?:空|何も|表示されな|ない|消え|なくな)|(?:本|書籍|タイトル)が.{0,8}(?:消え|表示されな|なくな|見当たらな)'),

  // ───────────── createspace-migration ─────────────
  r('cs.mention', 'createspace-migration', 3.8, '\\bcreate ?space\\b|\\bcreatespace\\b|クリエイトスペース', 'cs'),
  r('cs.old-page', 'createspace-migration', 1.8, 'create ?space (?:\\S{1,40} ){0,4}?(?:bookmark|dashboard|member|page|site|link|login|account|books|titles|paperbacks|email|address)'),
  r('cs.moved', 'createspace-migration', 1.5, '(?:moved|moving|migrat\\w*|transferr?\\w*|switch\\w*|merged|folded) (?:over )?(?:from|to|into) (?:kdp|createspace)', 'cs-moved'),

  // ───────────── error-404 ─────────────
  r('404.code', 'error-404', 3.6, '\\b404\\b', '404'),
  r('404.not-found', 'error-404', 3.0, `page (?:was |is )?not found|"?not found"? (?:page|error)|(?:page|link|url|address) (?:no longer|doesn'?t|does not) exists?|page (?:cannot|can'?t|could not) be found`, '404'),
  r('404.dog', 'error-404', 3.4, "looking for something\\??|(?:not a functioning|isn'?t a functioning) page|(?:dog|dogs|puppy) (?:picture|page|photo|image|pic)|(?:picture|photo|image) of (?:a )?dog", '404'),
  r('404.other-lang', 'error-404', 3.2, 'seite (?:wurde )?nicht gefunden|page (?:introuvable|non trouvee)|pagina no (?:encontrada|existe)|pagina non (?:trovata|esiste)|pagina nao (?:encontrada|existe)|pagina niet gevonden|ページが見つかりません|ページが存在しません|犬の(?:写真|画像|ページ)|(?:photo|image) d.un chien|foto de un perro|foto di un cane|foto de um cachorro|(?:foto|afbeelding) van een hond', '404'),
  r('404.closed', 'error-404', 1.5, '(?:account|konto|compte|cuenta|conta) (?:has been |was |is )?(?:terminated|closed|suspended|gesperrt|geschlossen|ferme|cerrada|chiusa|encerrada)'),

  // ───────────── error-500 ─────────────
  r('500.code', 'error-500', 3.6, '(?:error|erro|errore|erreur|fehler|fout|エラー)(?: code)?:? ?500\\b|\\b500 (?:internal|error|server|page|erro|errore|erreur|fehler|fout)|\\b500エラー|http 500', '500'),
  r('500.internal', 'error-500', 3.8, 'internal server error|internal error|server error|serverfehler|erreur (?:interne du |du |de )?serveur|error (?:interno )?del servidor|error interno|errore (?:interno )?del server|erro (?:interno )?do servidor|serverfout|サーバー?エラー|内部サーバー', '500'),
  r('500.near-error', 'error-500', 3.2, '(?:error|erro|errore|erreur|fehler\\S*|fout\\S*|melding|meldung|http|status|code)(?: \\S{1,40}){0,2}? 500\\b|\\b500(?: \\S{1,40}){0,1}? (?:foutmelding|fehlermeldung|message d.erreur|mensaje de error|messaggio di errore|mensagem de erro)', '500'),
  r('500.down', 'error-500', 2.6, "(?:kdp|site|website|server|page|platform|service)(?: \\S{1,40})? (?:is |seems |appears )?(?:down|overloaded|under maintenance|offline|not loading|crash\\w*)|is kdp down|(?:site|website|kdp) (?:is )?broken|service unavailable|temporarily unavailable|(?:down|offline) for maintenance|(?:seite|website) (?:ist )?(?:down|nicht erreichbar)|(?:site|serveur) (?:est )?en panne|sitio (?:esta )?caido|sito (?:e )?(?:down|giu)|site (?:esta )?fora do ar|site (?:ligt )?plat"),

  // ───────────── two-step-verification ─────────────
  r('2sv.named', 'two-step-verification', 3.6, 'two[- ]?step|2[- ]?step|\\b2sv\\b|\\b2fa\\b|\\bmfa\\b|two[- ]?factor|2[- ]?factor|multi[- ]?factor|authenticator(?: app)?|google authenticator|authy|zwei-?schritt|zweistufig|zwei-?faktor|2-faktor|deux etapes|double authentification|deux facteurs|dos pasos|dos factores|due (?:passaggi|fasi|fattori)|duas etapas|dois fatores|tweestaps|twee stappen|twee-?factor|2段階|二段階|2要素|二要素'),
  r('2sv.code-named', 'two-step-verification', 3.0, '(?:verification|security|one[- ]time|otp|sms|login|sign-?in|confirmation|6[- ]digit|six[- ]digit|access) ?(?:pass)?codes?|\\botp\\b|one[- ]?time pass(?:word|code)|(?:bestatigungs|verifizierungs|sicherheits|einmal)(?:code|kennwort|passwort)|code (?:de verification|de securite|a usage unique|de validation|de confirmation)|codigo (?:de verificacion|de seguridad|de verificacao|de seguranca|de confirmacion|otp)|codice (?:di verifica|otp|di sicurezza|di conferma)|(?:verificatie|beveiligings|bevestigings)code|(?:認証|確認|セキュリティ)コード|ワンタイム'),
  r('2sv.not-arriving', 'two-step-verification', 2.8, `${CODE}s?(?: \\S{1,40}){0,12}? ${NOT_ARRIVE}|(?:never|not|don'?t|do not|didn'?t|did not|can'?t|cannot|unable to) (?:get|getting|receive|receiving|got|received)(?: \\S{1,40}){0,2}? (?:the |a |any |my )?(?:verification |security |one-time )?${CODE}|(?:no|without the|without a) (?:verification |security )?${CODE}(?: \\S{1,40}){0,2}? (?:arrives|came|comes|received)|${CODE} (?:is )?not (?:coming|arriving)`),
  r('2sv.old-number', 'two-step-verification', 3.0, `${CODE}s?(?: \\S{1,40}){0,5}? (?:go(?:es)?|going|sent|still go\\w*|are sent|is sent|goes) to (?:my |an |the |a )?(?:old|previous|former|wrong|us|uk|home|lost|other|inactive|another)(?: \\S{1,40}){0,2}? (?:number|phone|sim|mobile|e-?mail)|(?:lost|stolen|broken|new|changed|replaced|wiped|switched)(?: \\S{1,40}){0,2}? (?:my |the )?(?:phone|number|mobile|sim|device|iphone)(?: \\S{1,40}){0,8}? (?:${CODE}|verification|authenticator)`),
  r('2sv.loop', 'two-step-verification', 3.2, `(?:verification|code|otp)(?: \\S{1,40}){0,3}? loop|(?:asks?|asking|prompts?)(?: me)? (?:for |to enter )?(?:the |a )?(?:verification )?(?:code|otp) again|back to (?:asking for|the) (?:a |the )?(?:verification )?code|(?:code|otp) (?:is |was )?(?:invalid|rejected|not (?:valid|accepted|working)|wrong|expired)|the code you entered`),
  r('2sv.verifying', 'two-step-verification', 1.2, '\\bverif(?:y|ying|ication)\\b|verifier|verificar|verificare|verifizier|verifieer|認証'),
  r('2sv.other-lang', 'two-step-verification', 2.8, "(?:je ne recois|je n'ai pas recu|je n'ai jamais recu|ne recois) (?:pas |jamais |aucun )?(?:le |de |mon )?code|le code (?:n'arrive|ne m'arrive|n'est) (?:pas|jamais)|(?:no (?:me )?llega|no recibo|nunca (?:me )?llega|no he recibido) (?:el |ningun )?codigo|el codigo (?:no (?:me )?llega|nunca llega)|(?:non (?:mi )?arriva|non ricevo|non ho ricevuto) (?:il |nessun )?codice|il codice non (?:mi )?arriva|(?:nao (?:recebo|recebi|chega)) (?:o |nenhum )?codigo|o codigo (?:nao|nunca) chega|(?:ontvang|krijg) (?:de |geen )?(?:sms-?)?code(?: niet)?|code komt niet|(?:code|sms) (?:kommt|kam) nicht|keinen code|コードが(?:届|来)"),

  // ───────────── amazon-customer-account ─────────────
  r('amazon.shopping', 'amazon-customer-account', 3.0, `(?:amazon|customer|shopping|amazon\\.com|amazon\\.\\w+)(?: shopping| customer| buyer)? (?:account|store|shop|site)(?: \\S{1,40}){0,12}? (?:prime|order|orders|shipping|delivery|card|payment|charge|charged|refund|subscription|hold|settings|country|address|name|devices?|kindle)|amazon customer service|(?:customer|shopping|buyer|reader) account|amazon shopping|(?:to )?(?:buy|order|shop|purchase) (?:something |anything )?(?:on|from) amazon`),
  r('amazon.prime', 'amazon-customer-account', 3.2, '\\bprime\\b(?: \\S{1,40}){0,3}? (?:charge|charged|membership|subscription|fee|trial)|charged (?:for|me for) (?:prime|kindle unlimited)|kindle unlimited|\\bku\\b (?:subscription|membership)|cancel (?:my |the )?(?:prime|kindle unlimited|subscription|membership)|(?:audible|prime video)'),
  r('amazon.subscription-intl', 'amazon-customer-account', 3.0, '(?:prime|kindle unlimited|audible)(?: \\S{1,40}){0,2}? (?:abonnement|abo|mitgliedschaft|lidmaatschap|suscripcion|membresia|assinatura|abbonamento|iscrizione)|(?:abonnement|abo|mitgliedschaft|lidmaatschap|suscripcion|membresia|assinatura|abbonamento)(?: \\S{1,40}){0,2}? (?:prime|kindle unlimited|audible)|(?:kundigen|opzeggen|annuler|cancelar|disdire|anular) (?:\\S{1,40} ){0,3}?(?:prime|kindle unlimited|abonnement|abo|suscripcion|assinatura|abbonamento)'),
  r('amazon.billing', 'amazon-customer-account', 2.8, "(?:credit|debit|bank) card(?: \\S{1,40}){0,6}? (?:amazon|expired|checkout|orders?)|(?:update|change|replace) (?:the |my )?(?:credit |debit )?card|payment (?:method|info|information|details)|(?:expired|declined) card|refund|unauthori[sz]ed (?:orders?|charges?|purchases?)|orders? (?:\\S{1,40} ){0,6}?(?:i |that i )?(?:didn'?t|did not|never) (?:place|make|order)|(?:charged|a charge)"),
  r('amazon.address', 'amazon-customer-account', 2.6, '(?:shipping|delivery|billing|home) address|(?:change|update) (?:my |the )?(?:shipping |delivery )?address on (?:my |the )?amazon|kindle (?:app|store|device|country)|(?:country|region|marketplace) (?:setting|store)|transfer (?:my )?kindle account|(?:login|log-?in) (?:&|and) security|account (?:is )?on hold|verify (?:my |your )?payment'),
  r('amazon.named-account', 'amazon-customer-account', 1.2, 'amazon-?konto|compte amazon|cuenta (?:de )?amazon|account (?:di )?amazon|conta (?:da |de )?amazon|amazon-?account|amazon(?:の)?アカウント'),
  r('amazon.other-lang', 'amazon-customer-account', 3.0, 'kundenkonto|amazon-kundenkonto|compte client amazon|cuenta de cliente|account cliente|conta de cliente|klantaccount|prime-?(?:mitgliedschaft|abo)|abonnement prime|suscripcion (?:a )?prime|assinatura (?:do )?prime|abbonamento prime|lieferadresse|adresse de livraison|direccion de envio|indirizzo di spedizione|endereco de entrega|verzendadres|kreditkarte|carte bancaire|tarjeta de credito|carta di credito|cartao de credito|creditcard|rückerstattung|remboursement|reembolso|rimborso|terugbetaling|返金|注文'),
  r('amazon.devices', 'amazon-customer-account', 2.6, '(?:list of |registered |my )(?:kindle )?devices|(?:remove|deregister|de-register) (?:an? |my |the )?(?:old )?kindle|(?:name|address) on (?:my |the )?amazon account'),
  r('amazon.ja', 'amazon-customer-account', 3.0, 'amazon(?:で|の)(?:買い物|購入|ショッピング)|購入用(?:の)?アカウント|買い物用|クレジットカード|お届け先|配送先|住所(?:を|の)?変更|プライム(?:会員)?'),
  r('amazon.close', 'amazon-customer-account', 2.4, '(?:close|delete|cancel|deactivate|remove) (?:my |the )?amazon(?: customer| shopping)? account'),

  // ───────────── other: not a sign-in matter ─────────────
  r('other.royalties', 'other', 2.2, '\\broyalt(?:y|ies)\\b(?: \\S{1,40}){0,4}? (?:paid|payment|payments|rate|question|report|lower|missing|when)|when (?:will i|are|do i) (?:get|be|getting)? ?paid|(?:payment|payout)s? (?:schedule|timing|held|delayed|not received)|tantiemes|redevances|regalias|tantiemen|auszahlung|pagamento(?:s)? de royalties|uitbetaling|印税'),
  r('other.royalty-word', 'other', 1.6, '\\broyalt\\S*|tantiem\\S*|regalias|印税|uitbetaal\\S*|auszahl\\S*|versement|pagamento dei|(?:quando|quand|wanneer|wann|cuando) (?:\\S{1,40} ){0,3}?(?:paga\\S*|pag[oa]s?|paie\\S*|betaal\\S*|bezahl\\S*|recebo|ricevo|recibo)'),
  r('other.bank-tax', 'other', 2.4, 'bank (?:account|details|information)|tax (?:interview|information|info|form|question|treaty|withholding)|w-?8ben|w-?9|withholding|treaty|\\bitin\\b|\\bvat\\b|steuer(?:formular|interview|nummer)?|impots?|(?:datos|informacion) fiscal(?:es)?|imposto|belasting|税務|税金'),
  r('other.publishing', 'other', 2.4, "\\bcover\\b(?: \\S{1,40}){0,4}? (?:rejected|template|design|calculator|size|spine)|spine|interior|margins?|gutter|trim size|bleed|manuscript (?:format|upload|rejected)|formatting|kindle create|(?:upload|uploading) (?:my )?(?:manuscript|cover|file)|(?:unpublish|un-publish|take down|remove) (?:my )?(?:book|ebook|title)|(?:price|pricing|list price)|make (?:my )?(?:e-?book|book) free|expanded distribution|kdp select|\\bisbn\\b|\\basin\\b|(?:book|title) (?:details|description|categories|keywords)|a\\+ content|author central|preorder|pre-order date|proof copies|author copies"),
  r('other.rights', 'other', 2.6, 'copyright|plagiari[sz]\\w*|pirat\\w*|(?:selling|sells|listed|published) (?:my book|my novel|my work) under|stolen (?:book|content|work)|infring\\w*|dmca'),
  r('other.job', 'other', 2.6, "(?:job|position|role|vacancy) (?:application|opening|posting|advert)|\\bcv\\b|\\bresume\\b|curriculum vitae|hiring manager|applying for|in application for|(?:application|apply) for the (?:\\S{1,40} ){0,3}?(?:position|role|job)"),
  r('other.spam', 'other', 2.6, "guaranteed (?:\\d+\\+? )?(?:verified )?(?:reviews|sales|readers)|special offer|(?:reply|respond) (?:with )?\"?(?:yes|stop)\"?|our (?:team|agency|services?) (?:has|have|can|will) help|reach (?:the )?top ?\\d+|\\bseo\\b|marketing (?:package|services?|campaign)|partnership (?:opportunity|proposal)|to stop receiving|unsubscribe|limited time|(?:per cent|%) off|\\$\\d+ \\(regular"),
  r('other.reviews-ads', 'other', 1.8, '\\breviews?\\b(?: \\S{1,40}){0,3}? (?:removed|missing|deleted|keep)|amazon ads|advertising (?:account|campaign)|sponsored (?:products|ads)|a\\+ content'),
];

export const SIGNALS: SignalRule[] = [
  s('signed-in.en', 'signed-in-fine', "(?:i'?m|i am|i was|i can|i could|i'?ve been|we are|we can)(?: still| now)? (?:\\S{1,40} )?(?:signed|logged|log|sign|get|getting)[ -]?(?:in|on|into)(?: to| into)?(?: (?:kdp|my (?:kdp )?account|the kdp account))?(?: just)? (?:fine|ok|okay|no problem|without (?:any )?(?:problem|issue|trouble)|normally|perfectly)|(?:sign(?:ing)?[ -]?in|log(?:ging)?[ -]?in|login) (?:works|is working|is fine|works fine|is ok|now works|works now)|(?:i'?m|i am) (?:signed|logged) in\\b|(?:my )?kdp(?: account)?(?: itself)? (?:is|seems|looks) (?:fine|ok|okay)|not (?:a|really a) (?:login|log-?in|sign-?in) (?:problem|issue)|(?:can|could) still (?:get into|access|sign into|log into) kdp|kdp (?:side )?(?:is|works) fine|(?:i )?(?:can )?(?:sign|log) in(?:to)? (?:kdp )?(?:fine|ok|no problem)"),
  s('signed-in.other', 'signed-in-fine', 'ich bin (?:\\S{1,40} )?angemeldet|anmeldung (?:funktioniert|klappt)(?: problemlos| einwandfrei)?|je suis (?:bien )?connecte|la connexion fonctionne|estoy (?:conectad[oa]|dentro)|inicio (?:de )?sesion sin problema|sono (?:collegat[oa]|dentro)|estou (?:logad[oa]|conectad[oa])|ik ben (?:ingelogd|aangemeld)|ログインはでき|ログインできています|問題なくログイン|普通にログインでき'),
  s('security.en', 'security', "(?:konto|account|compte|cuenta|conta|アカウント)(?: \\S{1,40}){0,2}? (?:gesperrt|locked|suspended|blocked|bloque|bloquee|bloqueada|bloqueado|bloccato|geblokkeerd|suspendu|suspendida|sospeso)|hack(?:ed|er|ers)?\\b|unusual (?:activity|sign-?in)|suspicious (?:activity|login|sign-?in)|compromised|someone (?:else )?(?:has |got )?(?:access(?:ed)?|logged into|changed) (?:my )?(?:account|password|email)|(?:security|fraud) (?:lock|hold|alert)|settings (?:were |have been )?changed to protect|gehackt|verdachtige aktivitat|pirate|activite (?:suspecte|inhabituelle)|hackead[oa]|actividad (?:sospechosa|inusual)|attivita (?:sospetta|insolita)|atividade (?:suspeita|incomum)|verdachte activiteit|不正(?:アクセス|ログイン)|乗っ取"),
  s('partial.en', 'partial-missing', '(?:only|just) (?:shows? |see |lists? |has |have )?(?:one|two|three|four|five|some|\\d+) of (?:my |the )?(?:\\d+ |two |three |four |five |six )?(?:books|titles)|(?:one|a single|the third|the second|one particular) (?:of my )?(?:book|title|books|titles)(?: \\S{1,40}){0,4}? (?:is |are )?(?:missing|gone|disappeared|not (?:there|showing))|(?:book|title)s? (?:is|are) (?:still )?(?:for sale|live)(?: \\S{1,40}){0,4}? but (?:one|it)|missing one of my|(?:the|a) third one|only (?:one|two) of (?:my )?(?:three|four|five)'),
  s('closure.en', 'account-closure', "(?:close|delete|cancel|deactivate|terminate|remove) (?:my |the |our )?(?:amazon |customer |shopping |kdp )?account|(?:if i )?close (?:my )?amazon|account (?:closure|deletion)|konto (?:schliessen|loschen)|(?:fermer|supprimer) (?:mon )?compte|(?:cerrar|eliminar|borrar) (?:mi )?cuenta|(?:chiudere|eliminare|cancellare) (?:il mio )?account|(?:encerrar|excluir|fechar) (?:minha )?conta|account (?:opheffen|verwijderen)|アカウント(?:を)?(?:削除|閉鎖|解約)"),
  s('escalation.en', 'escalation', "(?:an? |some )?(?:actual|real|live|human) (?:person|human|being|agent|support)|(?:speak|talk|chat) (?:to|with) (?:a |an |some)?(?:one|body|person|human|agent|representative|manager|supervisor)|get me (?:a|an) (?:person|human|agent)|(?:did|tried|followed|done|checked) (?:everything|all (?:of )?(?:the|your|those|these) (?:steps|things|suggestions)|all of it)(?: \\S{1,40}){0,6}? (?:still|nothing|not)|nothing (?:works|worked|helped)|(?:that|this|your (?:email|answer|reply|article)) (?:didn'?t|did not|doesn'?t|does not) help|stop sending (?:me )?(?:the same|automated)|echte(?:n)? (?:person|mensch|mitarbeiter)|(?:une )?vraie personne|un humain|persona (?:real|de verdad)|(?:um )?humano|pessoa real|persona vera|echt(?:e)? (?:persoon|mens|medewerker)|担当者(?:の方)?(?:と|に)|人間"),
  s('mixed.en', 'mixed', "which (?:one )?is (?:the )?(?:actual|real) (?:problem|issue|cause)|(?:some|other) days(?: \\S{1,40}){1,25}? (?:other|some) days|sometimes(?: \\S{1,40}){1,25}? (?:other times|sometimes)|manchmal(?: \\S{1,40}){1,25}? manchmal|parfois(?: \\S{1,40}){1,25}? parfois|a veces(?: \\S{1,40}){1,25}? a veces|a volte(?: \\S{1,40}){1,25}? a volte|as vezes(?: \\S{1,40}){1,25}? as vezes|soms(?: \\S{1,40}){1,25}? soms"),
  s('gratitude.en', 'gratitude', "(?:thank(?:s| you)(?: so much| very much)?|much appreciated|appreciate it)(?: \\S{1,40}){0,6}?(?: it| that| this)? (?:fixed|worked|works|solved|resolved|sorted|helped)|(?:that|this|it) (?:fixed|solved|resolved|sorted) (?:it|the (?:problem|issue))|(?:problem|issue) (?:is |has been )?(?:solved|resolved|fixed|sorted)|(?:all )?(?:sorted|working) now|works (?:again|now)|(?:i'?m|i am) (?:back )?in now|vielen dank.{0,40}(?:funktioniert|gelost|geklappt)|merci.{0,40}(?:fonctionne|resolu|marche)|gracias.{0,40}(?:funciona|resuelto|solucionado)|grazie.{0,40}(?:funziona|risolto)|obrigad[oa].{0,40}(?:funcionou|resolvido|resolveu)|bedankt.{0,40}(?:werkt|opgelost)|解決しました"),
  s('problem.en', 'problem', "still (?:can'?t|cannot|not|doesn'?t|does not|won'?t|get|getting|having|unable)|(?:doesn'?t|does not|didn'?t|did not|won'?t) work|not working|\\berror\\b|\\bproblem\\b|\\bissue\\b|\\bhelp\\b(?! (?:last|earlier))|can'?t (?:sign|log|get)|unable to|keine? |ne (?:\\S{1,40} )?pas|no puedo|nao consigo|non riesco|lukt niet|できません"),
];
